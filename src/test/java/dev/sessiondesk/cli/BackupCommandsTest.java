package dev.sessiondesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.DataLocations;
import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.backup.DiskBytes;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.store.LegacyStores;
import dev.sessiondesk.store.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCommandsTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = tmp.resolve("data").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int exit = SessionDeskCommand.commandLine(new DataLocations(Map.of(), "linux", tmp), new PrintWriter(out),
                new PrintWriter(err)).execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    private String sessionWith(String text) {
        try (SessionDesk desk = SessionDesk.open(tmp.resolve("data"))) {
            String id = desk.sessions().create("cli", null).id();
            desk.sessions().append(id, NewMessage.text(Role.USER, text));
            return id;
        }
    }

    @Test
    void backupPrintsThePathAndFiguresAndBackupsListsIt() {
        sessionWith("hello");
        Run b = run("backup");
        assertThat(b.exit()).isZero();
        String path = b.out().lines().findFirst().orElseThrow();
        assertThat(Path.of(path)).exists().hasParent(tmp.resolve("data/backups"));
        assertThat(b.out()).contains("1 sessions, 1 messages");
        assertThat(b.err()).as("no progress bar when not on a terminal").isEmpty();

        Run list = run("backups");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("DATE").contains("SESSIONS").contains(Path.of(path).getFileName().toString())
                .contains(" yes ");
    }

    @Test
    void restoreTakesABackupFileNameOrPathAndStillRestoresSessionsFromTheTrash() throws Exception {
        String id = sessionWith("the words in the backup");
        String path = run("backup").out().lines().findFirst().orElseThrow();
        try (SessionDesk desk = SessionDesk.open(tmp.resolve("data"))) {
            desk.sessions().append(id, NewMessage.text(Role.USER, "after the backup"));
        }
        Run byName = run("restore", Path.of(path).getFileName().toString());
        assertThat(byName.exit()).as(byName.err()).isZero();
        assertThat(byName.out()).contains("restored 1 sessions, 1 messages").contains("previous store was saved as");
        try (Store store = Store.open(tmp.resolve("data"))) {
            assertThat(store.messages().countAll()).isEqualTo(1);
        }
        assertThat(run("restore", path).exit()).isZero();

        assertThat(run("delete", id).exit()).isZero();
        Run trash = run("restore", id);
        assertThat(trash.exit()).as(trash.err()).isZero();
        assertThat(trash.out()).isEqualTo("restored " + id + System.lineSeparator());
        assertThat(run("restore", "no-such-thing").err()).contains("no session with id no-such-thing");
    }

    @Test
    void verifyFullNamesTheDamagedMessageAndTheBackupThatHasItIntact() throws Exception {
        String id = sessionWith("a sentence worth keeping");
        String path = run("backup").out().lines().findFirst().orElseThrow();
        DiskBytes.flipFirst(tmp.resolve("data").resolve(Store.FILE_NAME), "\"text\":\"a sentence worth keepin");
        Run v = run("verify", "--full");
        assertThat(v.exit()).isEqualTo(SessionDeskCommand.EXIT_MISMATCH);
        assertThat(v.out()).contains("session " + id + ": message 1: content does not match its hash")
                .contains("restore " + Path.of(path).getFileName());
        assertThat(run("restore", path).exit()).isZero();
        assertThat(run("verify", "--full").exit()).isZero();
    }

    @Test
    void exportAllAndTheUpgradeCommands() throws Exception {
        LegacyStores.create(tmp.resolve("data"), 1, 2, 2);
        Run pre = run("pre-upgrade");
        assertThat(pre.exit()).as(pre.err()).isZero();
        assertThat(Path.of(pre.out().lines().findFirst().orElseThrow())).exists().hasFileName("upgrade-manifest.json");
        Run check = run("upgrade-check");
        assertThat(check.exit()).as(check.out()).isZero();
        assertThat(check.out()).contains("2 sessions, 0 windows checked, 0 problems");

        Run export = run("export-all", tmp.resolve("out").toString());
        assertThat(export.exit()).isZero();
        assertThat(export.out()).startsWith("exported 2 sessions (5 files)");
        try (var files = Files.list(tmp.resolve("out"))) {
            assertThat(files.count()).isEqualTo(5);
        }

        LegacyStores.window(tmp.resolve("data"), "w", "missing", dev.sessiondesk.model.Fingerprint.empty(), 0);
        Run refused = run("pre-upgrade");
        assertThat(refused.exit()).isEqualTo(SessionDeskCommand.EXIT_ERROR);
        assertThat(refused.err()).startsWith("sessiondesk: not ready for the upgrade: window w points to session missing");
    }
}
