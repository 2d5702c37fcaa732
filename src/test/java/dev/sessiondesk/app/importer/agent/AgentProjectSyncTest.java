package dev.sessiondesk.app.importer.agent;

import static dev.sessiondesk.app.importer.ImportTestSupport.byRef;
import static dev.sessiondesk.app.importer.ImportTestSupport.copyFixture;
import static dev.sessiondesk.app.importer.ImportTestSupport.importPath;
import static dev.sessiondesk.app.importer.ImportTestSupport.sessionCount;
import static dev.sessiondesk.app.importer.ImportTestSupport.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.importer.ImportOptions;
import dev.sessiondesk.app.importer.ImportProblem;
import dev.sessiondesk.app.importer.ImportReport;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.TitleSource;
import dev.sessiondesk.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentProjectSyncTest {
    @TempDir
    Path tmp;
    Store store;
    Path project;
    AgentProjectSync sync;

    @BeforeEach
    void open() throws IOException {
        store = Store.open(tmp.resolve("data"));
        project = copyFixture("agent-project", tmp).toRealPath();
        sync = new AgentProjectSync(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Session session(String slug) {
        return byRef(store, "agents", project.resolve("agents/sessions/" + slug).toString());
    }

    @Test
    void importsEverySessionWithTitleStatusAndItsFolderAndWritesNothingIntoTheProject() throws IOException {
        TreeMap<String, String> before = snapshot(project);

        ImportReport report = importPath(store, project, ImportOptions.defaults());

        assertThat(report.imported()).isEqualTo(3);
        Session auth = session("auth-refactor");
        assertThat(auth.title()).isEqualTo("Refactor the auth module");
        assertThat(auth.titleSource()).isEqualTo(TitleSource.AUTO);
        assertThat(auth.workingDir()).isEqualTo(project.toString());
        assertThat(auth.createdAt()).isEqualTo(java.time.Instant.parse("2025-05-01T10:00:00Z").toEpochMilli());
        AgentSessionInfo info = sync.info(auth.id()).orElseThrow();
        assertThat(info.slug()).isEqualTo("auth-refactor");
        assertThat(info.status()).isEqualTo("in_progress");
        assertThat(info.sessionType()).isEqualTo("feature");
        assertThat(Files.readString(info.spec())).contains("Move auth into its own module.");
        assertThat(Files.exists(info.plan())).isTrue();
        assertThat(sync.info(session("write-docs").id()).orElseThrow().sessionType()).isEqualTo("docs");
        assertThat(snapshot(project)).isEqualTo(before);

        ImportReport again = importPath(store, project.resolve("agents/sessions"), ImportOptions.defaults());
        assertThat(again.imported()).isZero();
        assertThat(again.alreadyPresent()).isEqualTo(3);
        assertThat(sessionCount(store)).isEqualTo(3);
    }

    @Test
    void aDryRunCountsWithoutWriting() {
        AgentSyncReport r = sync.sync(project, true);

        assertThat(r.added()).isEqualTo(3);
        assertThat(sessionCount(store)).isZero();
    }

    @Test
    void followsTitleAndStatusChangesButNeverOverwritesAUserTitle() throws IOException {
        sync.sync(project, false);
        Files.writeString(project.resolve("agents/sessions/fix-flaky-tests/state.json"),
                "{\"title\":\"Fix the flaky tests for good\",\"status\":\"reopened\"}");
        Session docs = session("write-docs");
        store.sessions().renameByUser(docs.id(), "My docs");
        Files.writeString(project.resolve("agents/sessions/write-docs/state.json"), "{\"title\":\"Docs v2\"}");

        AgentSyncReport r = sync.sync(project, false);

        assertThat(r.updated()).isEqualTo(2);
        Session flaky = session("fix-flaky-tests");
        assertThat(flaky.title()).isEqualTo("Fix the flaky tests for good");
        assertThat(sync.info(flaky.id()).orElseThrow().status()).isEqualTo("reopened");
        assertThat(session("write-docs").title()).isEqualTo("My docs");
        assertThat(session("write-docs").titleSource()).isEqualTo(TitleSource.USER);
    }

    @Test
    void aSessionFolderDeletedOnDiskIsMarkedNotDeleted() throws IOException {
        sync.sync(project, false);
        Path dir = project.resolve("agents/sessions/fix-flaky-tests");
        Files.delete(dir.resolve("state.json"));
        Files.delete(dir);

        AgentSyncReport r = sync.sync(project, false);

        assertThat(r.markedMissing()).isEqualTo(1);
        Session flaky = session("fix-flaky-tests");
        assertThat(flaky.inTrash()).isFalse();
        assertThat(sync.info(flaky.id()).orElseThrow().missingOnDisk()).isTrue();
        assertThat(sessionCount(store)).isEqualTo(3);

        Files.createDirectories(dir);
        Files.writeString(dir.resolve("state.json"), "{\"title\":\"Fix flaky tests\"}");
        sync.sync(project, false);
        assertThat(sync.info(flaky.id()).orElseThrow().missingOnDisk()).as("it came back").isFalse();
    }

    @Test
    void refusesSlugFoldersAndStateFilesThatLeadOutsideTheProject() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("elsewhere/secret-session"));
        Files.writeString(outside.resolve("state.json"), "{\"title\":\"Should never be read\"}");
        Files.createSymbolicLink(project.resolve("agents/sessions/escape"), outside);
        Path linkedState = Files.createDirectories(project.resolve("agents/sessions/linked-state"));
        Files.createSymbolicLink(linkedState.resolve("state.json"), outside.resolve("state.json"));

        AgentSyncReport r = sync.sync(project, false);

        assertThat(r.added()).isEqualTo(3);
        assertThat(r.problems()).hasSize(2).allSatisfy(p -> assertThat(p.reason()).contains("outside"));
        assertThat(store.sessions().list(dev.sessiondesk.store.SessionQuery.all()))
                .extracting(Session::title).doesNotContain("Should never be read");
    }

    @Test
    void aMalformedStateFileIsReportedWithItsPathAndLeftOut() throws IOException {
        Path dir = Files.createDirectories(project.resolve("agents/sessions/broken"));
        Files.writeString(dir.resolve("state.json"), "{}");
        Path dir2 = Files.createDirectories(project.resolve("agents/sessions/not-json"));
        Files.writeString(dir2.resolve("state.json"), "{\"title\": ");

        AgentSyncReport r = sync.sync(project, false);

        assertThat(r.added()).isEqualTo(3);
        assertThat(r.problems()).extracting(ImportProblem::toString).anySatisfy(p ->
                assertThat(p).contains("agents/sessions/broken/state.json").contains("no session in it"));
        assertThat(r.problems()).extracting(ImportProblem::toString).anySatisfy(p ->
                assertThat(p).contains("agents/sessions/not-json/state.json:1:").contains("not valid JSON"));
    }

    @Test
    void theTitleComesFromTheFirstKnownFieldAndTheReportSaysWhich() throws IOException {
        Path topic = Files.createDirectories(project.resolve("agents/sessions/from-topic"));
        Files.writeString(topic.resolve("state.json"), "{\"topic\":\"Migrate the  build\",\"status\":\"active\"}");
        Path bare = Files.createDirectories(project.resolve("agents/sessions/only-status"));
        Files.writeString(bare.resolve("state.json"), "{\"status\":\"planning\"}");

        AgentSyncReport r = sync.sync(project, false);

        assertThat(r.problems()).isEmpty();
        assertThat(session("from-topic").title()).isEqualTo("Migrate the build");
        assertThat(session("only-status").title()).isEqualTo("only-status");
        assertThat(r.notes()).extracting(ImportProblem::toString)
                .anySatisfy(n -> assertThat(n).contains("from-topic/state.json").contains("taken from $.topic"))
                .anySatisfy(n -> assertThat(n).contains("only-status/state.json").contains("taken from the folder name"));
        assertThat(r.asImportReport(false).notes()).hasSize(2);
    }

    @Test
    void watchedProjectsArePersistedAndRemovable() {
        WatchedProjects watched = new WatchedProjects(store);
        watched.add(project);
        watched.add(project);

        assertThat(watched.list()).containsExactly(project);
        assertThat(watched.remove(project)).isTrue();
        assertThat(watched.remove(project)).isFalse();
        assertThat(watched.list()).isEmpty();
    }
}
