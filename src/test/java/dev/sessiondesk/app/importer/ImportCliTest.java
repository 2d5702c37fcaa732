package dev.sessiondesk.app.importer;

import static dev.sessiondesk.app.importer.ImportTestSupport.copyFixture;
import static dev.sessiondesk.app.importer.ImportTestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.DataLocations;
import dev.sessiondesk.cli.SessionDeskCommand;
import dev.sessiondesk.store.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sessiondesk import} and {@code sessiondesk watch …} through the real command line. */
class ImportCliTest {
    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = tmp.resolve("data").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int exit = SessionDeskCommand.commandLine(new DataLocations(Map.of(), "linux", tmp),
                new PrintWriter(out, true), new PrintWriter(err, true)).execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    private int sessions() {
        try (Store store = Store.open(tmp.resolve("data"))) {
            return store.sessions().count(true);
        }
    }

    @Test
    void importPrintsASummaryAndIsIdempotent() {
        Run dry = run("import", "--dry-run", fixture("goose-jsonl").toString());
        assertThat(dry.exit()).isZero();
        assertThat(dry.out()).startsWith("Dry run, nothing was written. 2 session(s) would be imported");
        assertThat(sessions()).isZero();

        Run first = run("import", fixture("goose-jsonl").toString());
        assertThat(first.exit()).isZero();
        assertThat(first.out()).startsWith("2 session(s) imported, 0 already present");
        assertThat(first.err()).as("no progress output when not on a terminal").isEmpty();

        Run again = run("import", "--format", "goose-jsonl", fixture("goose-jsonl").toString());
        assertThat(again.out()).startsWith("0 session(s) imported, 2 already present");
        assertThat(sessions()).isEqualTo(2);
    }

    @Test
    void skippedSessionsAreListedWithTheirLocationAndExitOne() {
        Run r = run("import", fixture("goose-jsonl-damaged").toString());

        assertThat(r.exit()).isEqualTo(SessionDeskCommand.EXIT_MISMATCH);
        assertThat(r.out()).contains("1 skipped").contains("skipped: 20240202_100000.jsonl:4: not valid JSON");

        Run partial = run("import", "--partial", fixture("goose-jsonl-damaged").toString());
        assertThat(partial.exit()).isZero();
        assertThat(partial.out()).contains("1 session(s) imported in part");
    }

    @Test
    void badOptionsAreOneLineErrors() {
        Run format = run("import", "--format", "word", fixture("goose-jsonl").toString());
        assertThat(format.exit()).isEqualTo(SessionDeskCommand.EXIT_ERROR);
        assertThat(format.err().strip()).isEqualTo("sessiondesk: unknown import format \"word\"; use one of"
                + " goose-jsonl, goose-db, goose-export, chatgpt, agents, claude, open-webui, lmstudio, jan, chatbox");
        Run size = run("import", "--max-size", "0", fixture("goose-jsonl").toString());
        assertThat(size.exit()).isEqualTo(SessionDeskCommand.EXIT_ERROR);
        Run missing = run("import", tmp.resolve("nothing-here").toString());
        assertThat(missing.exit()).isEqualTo(SessionDeskCommand.EXIT_ERROR);
        assertThat(missing.err()).contains("does not exist");
    }

    @Test
    void watchAddListSyncRemove() throws Exception {
        Path project = copyFixture("agent-project", tmp).toRealPath();

        Run add = run("watch", "add", project.toString());
        assertThat(add.exit()).isZero();
        assertThat(add.out()).contains("following " + project).contains("3 new, 0 updated");
        assertThat(run("watch", "list").out().strip()).isEqualTo(project.toString());
        assertThat(run("watch", "sync").out()).contains("0 new, 0 updated, 0 missing on disk, 3 unchanged");

        Run remove = run("watch", "remove", project.toString());
        assertThat(remove.exit()).isZero();
        assertThat(run("watch", "list").out()).isBlank();
        assertThat(run("watch", "remove", project.toString()).exit()).isEqualTo(SessionDeskCommand.EXIT_ERROR);
        assertThat(sessions()).as("the sessions stay").isEqualTo(3);
    }
}
