package dev.sessiondesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.sync.DeviceClock;
import dev.sessiondesk.app.sync.RemoteSync;
import dev.sessiondesk.app.sync.SyncSettings;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.sync.PgTestServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sessiondesk sync}: the summary line, and exit 2 with one line when the server is away or refuses. */
class SyncCommandTest {
    @TempDir
    Path dir;

    @Test
    void withoutAServerConfiguredSyncSaysHowToSetOneUp() {
        CliSession cli = new CliSession(dir);
        CliSession.Run r = cli.run("sync");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("SESSIONDESK_SYNC_URL");
    }

    @Test
    void anUnreachableServerIsExit2WithOneLineAndTheMessagesStayQueued() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        CliSession cli = new CliSession(dir);
        try (Store store = Store.open(cli.data)) {
            store.messages().append(cli.sessionId, NewMessage.text(Role.USER, "written offline"));
        }
        cli.env.put("SESSIONDESK_SYNC_URL", "postgresql://nobody@127.0.0.1:" + closedPort + "/none");
        CliSession.Run r = cli.run("sync");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("cannot reach the sync server").contains("127.0.0.1:" + closedPort);
        assertThat(r.out()).isEmpty();
        assertThat(cli.messages()).hasSize(1);
    }

    @Test
    void aRefusedLoginIsExit2WithOneLine() {
        try (PgTestServer pg = PgTestServer.create()) {
            CliSession cli = new CliSession(dir);
            cli.env.put("SESSIONDESK_SYNC_URL", "postgresql://no_such_role_sync@127.0.0.1:" + pg.port() + "/" + pg.database());
            CliSession.Run r = cli.run("sync");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.err()).contains("refused the login").contains("no_such_role_sync");
        }
    }

    @Test
    void syncPrintsOneSummaryLineAndASecondDeviceInItsOwnJvmPullsTheMessages() throws Exception {
        try (PgTestServer pg = PgTestServer.create()) {
            CliSession a = new CliSession(dir.resolve("a"));
            try (Store store = Store.open(a.data)) {
                store.messages().append(a.sessionId, NewMessage.text(Role.USER, "from device a"));
                store.messages().append(a.sessionId, NewMessage.text(Role.ASSISTANT, "answer on a"));
            }
            a.env.put("SESSIONDESK_SYNC_URL", pg.url());
            CliSession.Run r = a.run("sync");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out().strip()).matches("pushed 2, pulled 0, 0 branches made, \\d+ ms");

            Path bData = dir.resolve("b-data");
            ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Dsessiondesk.logDir=" + dir.resolve("b-logs"),
                    "dev.sessiondesk.Launcher", "--data-dir", bData.toString(), "sync"))
                    .redirectOutput(dir.resolve("b.out").toFile()).redirectError(dir.resolve("b.err").toFile());
            pb.environment().put("SESSIONDESK_SYNC_URL", pg.url());
            pb.environment().put("XDG_CONFIG_HOME", dir.resolve("b-config").toString());
            Process p = pb.start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(dir.resolve("b.out")).strip();
            assertThat(p.exitValue()).as(Files.readString(dir.resolve("b.err"))).isZero();
            assertThat(out).matches("pushed 0, pulled 2, 0 branches made, \\d+ ms");
            try (Store b = Store.open(bData)) {
                assertThat(b.messages().list(a.sessionId)).hasSize(2);
                assertThat(b.verifier().verifySession(a.sessionId).ok()).isTrue();
            }
        }
    }
    @Test
    void syncWatchPrintsALinePerChangeAppliedAndStopsCleanlyOnASignal() throws Exception {
        try (PgTestServer pg = PgTestServer.create()) {
            Path bData = dir.resolve("b-data");
            Path out = dir.resolve("watch.out");
            Path err = dir.resolve("watch.err");
            ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Dsessiondesk.logDir=" + dir.resolve("b-logs"),
                    "dev.sessiondesk.Launcher", "--data-dir", bData.toString(), "sync", "--watch"))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("SESSIONDESK_SYNC_URL", pg.url());
            pb.environment().put("XDG_CONFIG_HOME", dir.resolve("b-config").toString());
            Process p = pb.start();
            String session;
            try (Store a = Store.open(dir.resolve("a-data"))) {
                RemoteSync aSync = new RemoteSync(a, () -> Optional.of(SyncSettings.load(
                        Map.of(SyncSettings.ENV_URL, pg.url()), dir.resolve("a-config"), dir).orElseThrow()), DeviceClock.system());
                waitUntil(p, out, err, "the watch to start", text -> text.contains("; watching for changes"));
                session = a.sessions().create(NewSession.titled("Watched", null)).id();
                a.messages().append(session, NewMessage.text(Role.USER, "first"));
                a.messages().append(session, NewMessage.text(Role.ASSISTANT, "second"));
                assertThat(aSync.syncNow().pushed()).isEqualTo(2);
                waitUntil(p, out, err, "lines for 2 pulled messages", text -> pulledMessages(text) == 2);
                a.messages().append(session, NewMessage.text(Role.USER, "third"));
                assertThat(aSync.syncNow().pushed()).isEqualTo(1);
                waitUntil(p, out, err, "a line for the third message", text -> pulledMessages(text) == 3);
                aSync.close();
            }
            p.destroy(); // SIGTERM, as Ctrl+C or a service manager stops it
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            List<String> lines = Files.readAllLines(out);
            assertThat(lines.get(0)).matches("pushed 0, pulled 0, 0 branches made, \\d+ ms; watching for changes \\(Ctrl\\+C stops\\)");
            assertThat(lines).filteredOn(l -> l.startsWith("pulled ") && l.contains(" message"))
                    .allMatch(l -> l.matches("pulled \\d+ messages? in 1 session"));
            assertThat(lines.get(lines.size() - 1)).as("the last line, after the store was closed").isEqualTo("stopped");
            assertThat(Files.readString(err)).doesNotContain("Exception");
            try (Store b = Store.open(bData)) {
                assertThat(b.messages().list(session)).hasSize(3);
                assertThat(b.verifier().verifySession(session).ok()).isTrue();
            }
        }
    }

    /** The messages the watch said it applied, summed over its "pulled N message(s) in …" lines. */
    private static int pulledMessages(String text) {
        return text.lines().filter(l -> l.matches("pulled \\d+ messages? in .*"))
                .mapToInt(l -> Integer.parseInt(l.split(" ")[1])).sum();
    }

    private static void waitUntil(Process p, Path out, Path err, String what, java.util.function.Predicate<String> done)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.test(Files.readString(out))) {
            if (!p.isAlive()) {
                throw new AssertionError("sync --watch ended before " + what + ": " + Files.readString(out) + Files.readString(err));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; it printed: " + Files.readString(out));
            }
            Thread.sleep(50);
        }
    }
}
