package dev.sessiondesk.app.importer.agent;

import static dev.sessiondesk.app.importer.ImportTestSupport.copyFixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live bridge at app-service level: the composition root's watcher follows an agent project on disk. */
class AgentProjectWatcherTest {
    private static final long TIMEOUT_MS = 15_000;

    @TempDir
    Path tmp;

    @Test
    void picksUpANewAgentSessionAndAChangedTitleWhileRunning() throws Exception {
        Path project = copyFixture("agent-project", tmp).toRealPath();
        try (SessionDesk desk = SessionDesk.open(tmp.resolve("data"))) {
            desk.watchedProjects().add(project);
            CopyOnWriteArrayList<AgentSyncReport> heard = new CopyOnWriteArrayList<>();
            desk.agentWatcher().addListener(heard::add);

            var first = desk.agentWatcher().start();
            assertThat(first).singleElement().satisfies(r -> assertThat(r.added()).isEqualTo(3));

            Path fresh = project.resolve("agents/sessions/new-feature");
            Files.createDirectories(fresh);
            Files.writeString(fresh.resolve("state.json"), "{\"title\":\"A brand new feature\",\"status\":\"planned\"}");
            String ref = fresh.toString();
            Session created = await(() -> desk.store().sessions().findByExternalRef("agents", ref));
            assertThat(created.title()).isEqualTo("A brand new feature");

            Files.writeString(fresh.resolve("state.json"), "{\"title\":\"A renamed feature\",\"status\":\"in_progress\"}");
            Session renamed = await(() -> desk.store().sessions().findByExternalRef("agents", ref)
                    .filter(s -> s.title().equals("A renamed feature")));
            assertThat(renamed.id()).isEqualTo(created.id());
            assertThat(desk.agentSessions().info(created.id()).orElseThrow().status()).isEqualTo("in_progress");
            assertThat(heard).anySatisfy(r -> assertThat(r.added()).isEqualTo(1));
            assertThat(desk.store().sessions().count(true)).isEqualTo(4);
        }
    }

    @Test
    void syncNowPicksUpChangesWithoutTheWatcherRunning() throws Exception {
        Path project = copyFixture("agent-project", tmp).toRealPath();
        try (SessionDesk desk = SessionDesk.open(tmp.resolve("data"))) {
            desk.watchedProjects().add(project);
            assertThat(desk.agentWatcher().syncNow()).singleElement().satisfies(r -> assertThat(r.added()).isEqualTo(3));
            Files.writeString(project.resolve("agents/sessions/write-docs/state.json"), "{\"title\":\"Docs, rewritten\"}");

            assertThat(desk.agentWatcher().syncNow()).singleElement().satisfies(r -> assertThat(r.updated()).isEqualTo(1));
            assertThat(desk.store().sessions().findByExternalRef("agents",
                    project.resolve("agents/sessions/write-docs").toString()).orElseThrow().title()).isEqualTo("Docs, rewritten");
        }
    }

    /** Polls until the store shows what the watcher should have written, or fails after the timeout. */
    private static <T> T await(Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            Optional<T> v = probe.get();
            if (v.isPresent()) {
                return v.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the watcher did not pick the change up within " + TIMEOUT_MS + " ms");
    }
}
