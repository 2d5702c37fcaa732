package dev.sessiondesk.app.importer.goose;

import static dev.sessiondesk.app.importer.ImportTestSupport.byRef;
import static dev.sessiondesk.app.importer.ImportTestSupport.copyFixture;
import static dev.sessiondesk.app.importer.ImportTestSupport.fixture;
import static dev.sessiondesk.app.importer.ImportTestSupport.importPath;
import static dev.sessiondesk.app.importer.ImportTestSupport.messages;
import static dev.sessiondesk.app.importer.ImportTestSupport.partialReason;
import static dev.sessiondesk.app.importer.ImportTestSupport.sessionCount;
import static dev.sessiondesk.app.importer.ImportTestSupport.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.importer.ImportOptions;
import dev.sessiondesk.app.importer.ImportProblem;
import dev.sessiondesk.app.importer.ImportProgress;
import dev.sessiondesk.app.importer.ImportReport;
import dev.sessiondesk.app.importer.ImportService;
import dev.sessiondesk.app.importer.ImportTestSupport;
import dev.sessiondesk.app.importer.ImportTestSupport;
import dev.sessiondesk.app.importer.agent.AgentProjectSync;
import dev.sessiondesk.app.importer.formats.FormatReaders;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.TitleSource;
import dev.sessiondesk.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GooseJsonlImportTest {
    @TempDir
    Path tmp;
    Store store;

    @BeforeEach
    void open() {
        store = Store.open(tmp.resolve("data"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void keepsTitlesTimesWorkingFolderVisibilityToolCallsAndUnknownContent() throws IOException {
        Path source = fixture("goose-jsonl");
        TreeMap<String, String> before = snapshot(source);

        ImportReport report = importPath(store, source, ImportOptions.defaults());

        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.skipped()).isEmpty();
        Session s = byRef(store, "goose", "20240101_120000");
        assertThat(s.title()).isEqualTo("Fix the flaky build on CI");
        assertThat(s.titleSource()).isEqualTo(TitleSource.AUTO);
        assertThat(s.workingDir()).isEqualTo("/home/ada/projects/bridge");
        assertThat(s.createdAt()).isEqualTo(1704110400_000L);
        List<Message> m = messages(store, s);
        assertThat(m).hasSize(6);
        assertThat(m.get(0).messageId()).isEqualTo("msg_1");
        assertThat(m.get(0).created()).isEqualTo(1704110400L);
        assertThat(m.get(1).contentJson()).contains("\"type\":\"thinking\"").contains("Probably a timing issue")
                .contains("\"toolRequest\"").contains("developer__shell");
        assertThat(m.get(2).role()).isEqualTo(Role.USER);
        assertThat(m.get(2).userVisible()).isFalse();
        assertThat(m.get(2).agentVisible()).isTrue();
        assertThat(m.get(2).contentJson()).contains("toolResponse").contains("FAIL test_timeout");
        assertThat(m.get(3).created()).as("milliseconds become seconds").isEqualTo(1704110410L);
        assertThat(m.get(3).contentJson()).contains("\"mimeType\":\"image/png\"");
        assertThat(m.get(4).contentJson()).as("unknown content kept verbatim")
                .isEqualTo("[{\"payload\":{\"kept\":[1,2.50,\"x\"]},\"type\":\"fancyWidget\"}]");
        assertThat(m.get(4).agentVisible()).isFalse();
        assertThat(store.verifier().verifySession(s.id()).ok()).isTrue();
        assertThat(snapshot(source)).as("the source is never modified").isEqualTo(before);
    }

    @Test
    void aFileWithoutMetadataLineIsImportedAndReported() throws IOException {
        ImportReport report = importPath(store, fixture("goose-jsonl/20241120_090000.jsonl"), ImportOptions.defaults());

        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.notes()).anySatisfy(n -> {
            assertThat(n.where()).isEqualTo("20241120_090000.jsonl:1");
            assertThat(n.reason()).contains("no metadata line");
        });
        Session s = byRef(store, "goose", "20241120_090000");
        assertThat(s.title()).isEqualTo("What is a monad, briefly?");
        assertThat(messages(store, s)).hasSize(2);
    }

    @Test
    void importingTwiceChangesNothing() throws IOException {
        importPath(store, fixture("goose-jsonl"), ImportOptions.defaults());
        Session first = byRef(store, "goose", "20240101_120000");

        ImportReport again = importPath(store, fixture("goose-jsonl"), ImportOptions.defaults());

        assertThat(again.imported()).isZero();
        assertThat(again.alreadyPresent()).isEqualTo(2);
        assertThat(again.messagesAdded()).isZero();
        assertThat(sessionCount(store)).isEqualTo(2);
        assertThat(byRef(store, "goose", "20240101_120000").fingerprint()).isEqualTo(first.fingerprint());
    }

    @Test
    void aNewerCopyAppendsOnlyTheNewMessages() throws IOException {
        Path folder = copyFixture("goose-jsonl", tmp);
        importPath(store, folder, ImportOptions.defaults());
        Session before = byRef(store, "goose", "20240101_120000");
        Files.writeString(folder.resolve("20240101_120000.jsonl"),
                "{\"role\":\"assistant\",\"created\":1704110430,\"content\":[{\"type\":\"text\",\"text\":\"Good idea.\"}]}\n"
                        + "{\"role\":\"user\",\"created\":1704110440,\"content\":[{\"type\":\"text\",\"text\":\"Done.\"}]}\n",
                StandardOpenOption.APPEND);

        ImportReport report = importPath(store, folder, ImportOptions.defaults());

        assertThat(report.appendedTo()).as(String.join("\n", report.summaryLines())).isEqualTo(1);
        assertThat(report.alreadyPresent()).isEqualTo(1);
        assertThat(report.messagesAdded()).isEqualTo(2);
        Session after = byRef(store, "goose", "20240101_120000");
        assertThat(after.id()).isEqualTo(before.id());
        List<Message> m = messages(store, after);
        assertThat(m).hasSize(8);
        assertThat(m.get(7).contentJson()).contains("Done.");
        assertThat(store.verifier().verifySession(after.id()).ok()).isTrue();
        assertThat(sessionCount(store)).isEqualTo(2);
    }

    @Test
    void aCopyWithChangedHistoryIsImportedSeparatelyAndSaysSo() throws IOException {
        Path folder = copyFixture("goose-jsonl", tmp);
        importPath(store, folder, ImportOptions.defaults());
        Session original = byRef(store, "goose", "20240101_120000");
        Path file = folder.resolve("20240101_120000.jsonl");
        Files.writeString(file, Files.readString(file).replace("Why?", "Why on earth?"));

        ImportReport report = importPath(store, folder, ImportOptions.defaults());

        assertThat(report.importedAsCopies()).isEqualTo(1);
        assertThat(report.notes()).anySatisfy(n -> assertThat(n.reason()).contains("imported as a separate session")
                .contains(original.id()));
        assertThat(messages(store, original)).hasSize(6);
        assertThat(messages(store, original).get(0).contentJson()).doesNotContain("on earth");
        assertThat(sessionCount(store)).isEqualTo(3);

        ImportReport again = importPath(store, folder, ImportOptions.defaults());
        assertThat(again.alreadyPresent()).as("the separate copy is recognised on the next import").isEqualTo(2);
        assertThat(sessionCount(store)).isEqualTo(3);
    }

    @Test
    void aDamagedFileIsReportedByLineAndNothingOfItIsImportedWhileTheOthersAre() throws IOException {
        ImportReport report = importPath(store, fixture("goose-jsonl-damaged"), ImportOptions.defaults());

        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.skippedSessions()).isEqualTo(1);
        assertThat(report.skipped()).extracting(ImportProblem::where)
                .containsExactly("20240202_100000.jsonl:4", "20240202_100000.jsonl:6");
        assertThat(report.skipped().get(0).reason()).contains("not valid JSON");
        assertThat(report.skipped().get(1).reason()).contains("$.role");
        assertThat(store.sessions().findByExternalRef("goose", "20240202_100000")).isEmpty();
        assertThat(byRef(store, "goose", "20240203_100000").messageCount()).isEqualTo(1);
    }

    @Test
    void partialImportsTheReadablePrefixAndMarksIt() throws IOException {
        ImportReport report = importPath(store, fixture("goose-jsonl-damaged"), ImportOptions.defaults().withPartial(true));

        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.partial()).isEqualTo(1);
        Session s = byRef(store, "goose", "20240202_100000");
        assertThat(s.title()).isEqualTo("Half readable" + ImportTestSupport.PARTIAL_MARK);
        assertThat(messages(store, s)).extracting(Message::contentJson)
                .containsExactly("[{\"text\":\"first\",\"type\":\"text\"}]", "[{\"text\":\"second\",\"type\":\"text\"}]");
        assertThat(partialReason(store, s.id())).contains("20240202_100000.jsonl:4");
    }

    @Test
    void invalidUtf8IsLocatedOnItsOwnLine() throws IOException {
        Path file = tmp.resolve("20240305_1.jsonl");
        byte[] good = "{\"description\":\"x\"}\n{\"role\":\"user\",\"created\":1,\"content\":[]}\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"role\":\"user\",\"created\":2,\"content\":[{\"type\":\"text\",\"text\":\"caf\u00e9 ".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}]}\n".getBytes(StandardCharsets.UTF_8);
        try (var out = Files.newOutputStream(file)) {
            out.write(good);
            out.write(bad);
            out.write(new byte[] {(byte) 0xC3, (byte) 0x28});
            out.write(tail);
        }

        ImportReport report = importPath(store, file, ImportOptions.defaults());

        assertThat(report.skipped()).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("20240305_1.jsonl:3");
            assertThat(p.reason()).contains("UTF-8");
        });
        assertThat(sessionCount(store)).isZero();
    }

    @Test
    void aDryRunWritesNothingButSaysWhatWouldHappen() throws IOException {
        ImportReport report = importPath(store, fixture("goose-jsonl"), ImportOptions.defaults().withDryRun(true));

        assertThat(report.dryRun()).isTrue();
        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.summaryLines().get(0)).startsWith("Dry run, nothing was written.");
        assertThat(sessionCount(store)).isZero();
    }

    @Test
    void newMessagesForASessionInTheTrashAreSkippedWithAReason() throws IOException {
        Path folder = copyFixture("goose-jsonl", tmp);
        importPath(store, folder, ImportOptions.defaults());
        Session s = byRef(store, "goose", "20241120_090000");
        store.sessions().trash(s.id());
        Files.writeString(folder.resolve("20241120_090000.jsonl"),
                "{\"role\":\"user\",\"created\":1732093300,\"content\":[{\"type\":\"text\",\"text\":\"And a functor?\"}]}\n",
                StandardOpenOption.APPEND);

        ImportReport report = importPath(store, folder, ImportOptions.defaults());

        assertThat(report.skipped()).singleElement().satisfies(p ->
                assertThat(p.reason()).contains("in the trash").contains(s.id()));
        assertThat(store.messages().list(s.id())).hasSize(2);
    }

    @Test
    void aRepairedFileCompletesItsPartialImport() throws IOException {
        Path folder = copyFixture("goose-jsonl-damaged", tmp);
        importPath(store, folder, ImportOptions.defaults().withPartial(true));
        Path file = folder.resolve("20240202_100000.jsonl");
        Files.writeString(file, Files.readString(file).replace("\"third\"\n", "\"third\"}]}\n")
                .replace("\"role\":\"system\"", "\"role\":\"user\""));

        ImportReport report = importPath(store, folder, ImportOptions.defaults());

        assertThat(report.appendedTo()).isEqualTo(1);
        Session s = byRef(store, "goose", "20240202_100000");
        assertThat(messages(store, s)).hasSize(5);
        assertThat(partialReason(store, s.id())).isNull();
    }

    @Test
    void reportsProgressForAProgressBar() throws IOException {
        List<long[]> updates = new java.util.ArrayList<>();
        ImportTestSupport.service(store).importPath(fixture("goose-jsonl"), ImportOptions.defaults(),
                (source, done, total, sessions) -> updates.add(new long[] {done, total, sessions}));

        assertThat(updates).hasSize(2);
        assertThat(updates.get(1)[0]).isEqualTo(2);
        assertThat(updates.get(1)[1]).isEqualTo(2);
        assertThat(updates.get(1)[2]).as("sessions written so far").isEqualTo(2);
    }

    @Test
    void importsOnABackgroundExecutorForTheUi() throws Exception {
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            ImportService service = new ImportService(store, new FormatReaders(new AgentProjectSync(store)));
            TaskRunner runner = new TaskRunner(executor, Runnable::run);
            ImportReport report = BackgroundTask.supply("import", () -> service.importPath(fixture("goose-jsonl"),
                            ImportOptions.defaults(), ImportProgress.NONE))
                    .executeWith(runner).get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(report.imported()).isEqualTo(2);
            var failed = BackgroundTask.supply("import", () -> service.importPath(tmp.resolve("missing"),
                    ImportOptions.defaults(), ImportProgress.NONE)).onError(e -> { }).executeWith(runner);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> failed.get(60, java.util.concurrent.TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
        } finally {
            executor.shutdownNow();
        }
    }
}
