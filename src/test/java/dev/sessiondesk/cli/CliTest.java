package dev.sessiondesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.DataLocations;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.store.Schema;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in-process, on a real store: output, exit codes, error lines. */
class CliTest {
    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        DataLocations locations = new DataLocations(Map.of(DataLocations.ENV_DATA_DIR, tmp.resolve("data").toString()),
                "Linux", tmp.resolve("home"));
        int exit = SessionDeskCommand.commandLine(locations, new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void aSessionCanBeCreatedFilledListedShownRenamedAndVerified() throws Exception {
        Result created = run("new", "--title", "Groceries", "--working-dir", "/home/me/shop");
        assertThat(created.exit()).isZero();
        String id = created.out().strip();
        assertThat(id).matches("[0-9a-f-]{36}");

        Result added = run("add", id, "--role", "user", "--text", "Buy oat milk");
        assertThat(added.exit()).isZero();
        assertThat(added.out().strip()).matches("1 [0-9a-f]{64}");
        Path msg = tmp.resolve("m.json");
        Files.writeString(msg, "{\"role\":\"assistant\",\"created\":1704110400,\"content\":[{\"type\":\"text\",\"text\":\"Noted.\"}]}");
        assertThat(run("add", id.substring(0, 13), "--json", msg.toString()).out()).startsWith("2 ");

        Result list = run("list", "--json");
        JsonNode sessions = CanonicalJson.parse(list.out());
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).get("message_count").asInt()).isEqualTo(2);
        assertThat(sessions.get(0).get("title").asText()).isEqualTo("Groceries");

        assertThat(run("show", id).out()).contains("# Groceries").contains("Buy oat milk").contains("Noted.");
        JsonNode export = CanonicalJson.parse(run("show", id, "--json").out());
        assertThat(export.get("conversation")).hasSize(2);
        assertThat(export.get("working_dir").asText()).isEqualTo("/home/me/shop");

        assertThat(run("rename", id, "Shopping").exit()).isZero();
        assertThat(run("list").out()).contains("Shopping");
        Result verify = run("verify");
        assertThat(verify.exit()).isZero();
        assertThat(verify.out()).contains("quick_check: ok").contains("2 messages checked, 0 with problems");
        assertThat(run("verify", id).exit()).isZero();
        assertThat(run("info").out()).contains("schema version: " + Schema.CURRENT).contains("messages:       2");
    }

    @Test
    void exportWritesAPrivateFile() throws Exception {
        String id = run("new", "--title", "Secret plans").out().strip();
        run("add", id, "--role", "user", "--text", "world domination");
        Path file = tmp.resolve("out/plans.md");
        Files.createDirectories(file.getParent());
        Result r = run("export", id, "--format", "md", "-o", file.toString());
        assertThat(r.exit()).isZero();
        assertThat(Files.readString(file)).contains("world domination");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(run("export", id, "--format", "pdf").exit()).isEqualTo(2);
    }

    @Test
    void deleteMovesToTheTrashAndRestoreBringsItBack() {
        String id = run("new", "--title", "Oops").out().strip();
        assertThat(run("delete", id).exit()).isZero();
        assertThat(run("list").out()).doesNotContain("Oops");
        assertThat(run("list", "--trash").out()).contains("Oops");
        assertThat(run("restore", id).exit()).isZero();
        assertThat(run("list").out()).contains("Oops");
    }

    @Test
    void aTamperedMessageMakesVerifyExitOneNamingIt() throws Exception {
        String id = run("new").out().strip();
        run("add", id, "--role", "user", "--text", "one");
        run("add", id, "--role", "assistant", "--text", "two");
        StoreFixture.sql(tmp.resolve("data"), "UPDATE messages SET role = 'user' WHERE seq = 2");
        Result r = run("verify");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("session " + id + ": message 2:");
        assertThat(run("verify", id).exit()).isEqualTo(1);
    }

    @Test
    void badInputGivesExitTwoAndOneClearLine() {
        Result unknownId = run("add", "0000ffff-nope", "--role", "user", "--text", "x");
        assertThat(unknownId.exit()).isEqualTo(2);
        assertThat(unknownId.err().strip()).isEqualTo("sessiondesk: no session with id 0000ffff-nope");

        String id = run("new").out().strip();
        Result badRole = run("add", id, "--role", "robot", "--text", "x");
        assertThat(badRole.exit()).isEqualTo(2);
        assertThat(badRole.err()).contains("role must be \"user\" or \"assistant\"");
        assertThat(badRole.err().strip().lines()).hasSize(1);

        Result noSource = run("add", id, "--role", "user");
        assertThat(noSource.exit()).isEqualTo(2);
        assertThat(noSource.err().strip().lines()).hasSize(1);

        Result unknownCommand = run("frobnicate");
        assertThat(unknownCommand.exit()).isEqualTo(2);
        assertThat(unknownCommand.err()).contains("frobnicate");
    }

    @Test
    void aNewerStoreIsReportedAndNotChanged() throws Exception {
        String id = run("new", "--title", "t").out().strip();
        try (Store store = Store.open(tmp.resolve("data"))) {
            store.checkpoint();
        }
        StoreFixture.sql(tmp.resolve("data"), "PRAGMA user_version = " + (Schema.CURRENT + 1));
        Path db = tmp.resolve("data").resolve(Store.FILE_NAME);
        byte[] before = Files.readAllBytes(db);
        String expected = "this store was written by a newer SessionDesk (schema " + (Schema.CURRENT + 1) + " > "
                + Schema.CURRENT + ")";
        for (String[] args : new String[][] {{"add", id, "--role", "user", "--text", "x"}, {"list"}, {"rename", id, "new"}}) {
            Result r = run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).contains(expected).contains("nothing was changed");
        }
        assertThat(run("info").out()).contains(expected);
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
    }

    @Test
    void everyCommandAnswersHelp() {
        for (String command : new String[] {"add", "ask", "show", "export", "verify", "new"}) {
            Result r = run(command, "--help");
            assertThat(r.exit()).as(command).isZero();
            assertThat(r.out()).as(command).contains("Usage: sessiondesk " + command);
        }
    }
}
