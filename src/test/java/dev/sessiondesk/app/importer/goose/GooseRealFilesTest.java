package dev.sessiondesk.app.importer.goose;

import static dev.sessiondesk.app.importer.ImportTestSupport.byRef;
import static dev.sessiondesk.app.importer.ImportTestSupport.copyFixture;
import static dev.sessiondesk.app.importer.ImportTestSupport.fixture;
import static dev.sessiondesk.app.importer.ImportTestSupport.importPath;
import static dev.sessiondesk.app.importer.ImportTestSupport.messages;
import static dev.sessiondesk.app.importer.ImportTestSupport.sessionCount;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.importer.ImportOptions;
import dev.sessiondesk.app.importer.ImportProblem;
import dev.sessiondesk.app.importer.ImportReport;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goose data as goose's own code leaves it: a data folder after goose migrated its JSONL files into
 * sessions.db (database rows with ids, leftover lines with "id": null), internal sessions, unused
 * ones, goose 0.9 (Python) session files and a folder of session exports.
 */
class GooseRealFilesTest {
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

    /** A goose data folder: sessions.db (with message ids) and the leftover JSONL (ids null) of one session. */
    private Path migratedGooseFolder() throws Exception {
        Path goose = Files.createDirectories(tmp.resolve("goose/sessions"));
        String[][] rows = {
                {"user", "[{\"type\":\"text\",\"text\":\"Fix the flaky build\"}]", "1704110400"},
                {"assistant", "[{\"type\":\"text\",\"text\":\"Looking at the CI log now.\"}]", "1704110405"}};
        StringBuilder jsonl = new StringBuilder("{\"description\":\"Fix the flaky build\",\"working_dir\":\"/w\"}\n");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + goose.resolve("sessions.db"));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, name TEXT, working_dir TEXT, created_at TIMESTAMP,"
                    + " session_type TEXT NOT NULL DEFAULT 'user')");
            s.execute("CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT, message_id TEXT, session_id TEXT, role TEXT,"
                    + " content_json TEXT, created_timestamp INTEGER, metadata_json TEXT)");
            s.execute("INSERT INTO sessions VALUES ('20240101_1', 'Fix the flaky build', '/w', '2024-01-01 12:00:00', 'user'),"
                    + " ('20240101_2', '', '/w', '2024-01-01 12:05:00', 'hidden'),"
                    + " ('20240101_3', 'New session', '/w', '2024-01-01 12:06:00', 'user'),"
                    + " ('20240101_4', '', '/w', '2024-01-01 12:07:00', 'sub_agent'),"
                    + " ('20240101_5', '', '/w', '2024-01-01 12:08:00', 'user')");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages(message_id, session_id, role, content_json,"
                    + " created_timestamp, metadata_json) VALUES (?,?,?,?,?,?)")) {
                for (int i = 0; i < rows.length; i++) {
                    GooseDbImportTest.row(ps, "msg_20240101_1_" + (i + 1), "20240101_1", rows[i][0], rows[i][1], Long.parseLong(rows[i][2]), null);
                    jsonl.append("{\"id\":null,\"role\":\"").append(rows[i][0]).append("\",\"created\":").append(rows[i][2])
                            .append(",\"content\":").append(rows[i][1]).append("}\n");
                }
                GooseDbImportTest.row(ps, "msg_h", "20240101_2", "user", "[{\"type\":\"text\",\"text\":\"Reply with only a description in four words or less\"}]",
                        1704110700L, null);
                GooseDbImportTest.row(ps, "msg_s", "20240101_4", "user", "[{\"type\":\"text\",\"text\":\"Sub-agent task\"}]", 1704110800L, null);
                // Session 5: its only user message is for the agent, so it must not become the title.
                GooseDbImportTest.row(ps, "msg_5a", "20240101_5", "user", "[{\"type\":\"text\",\"text\":\"<system reminder: be brief>\"}]",
                        1704110900L, "{\"userVisible\":false,\"agentVisible\":true}");
                GooseDbImportTest.row(ps, "msg_5b", "20240101_5", "user", "[{\"type\":\"text\",\"text\":\"What is in the changelog?\"}]",
                        1704110901L, null);
            }
        }
        Files.writeString(goose.resolve("20240101_1.jsonl"), jsonl);
        return goose;
    }

    @Test
    void leftoverJsonlLinesWithoutIdsAreTheSameSessionAsTheDatabaseRows() throws Exception {
        ImportReport report = importPath(store, migratedGooseFolder(), ImportOptions.defaults());

        assertThat(report.importedAsCopies()).as(String.join("\n", report.summaryLines())).isZero();
        assertThat(report.alreadyPresent()).isEqualTo(1);
        Session s = byRef(store, "goose", "20240101_1");
        assertThat(messages(store, s)).extracting(Message::messageId).containsExactly("msg_20240101_1_1", "msg_20240101_1_2");
        assertThat(store.sessions().list(dev.sessiondesk.store.SessionQuery.all()))
                .extracting(Session::title).noneMatch(t -> t != null && t.contains("#rev"));
    }

    @Test
    void internalAndUnusedSessionsStayOutAndTitlesComeFromWhatTheUserSaw() throws Exception {
        ImportReport report = importPath(store, migratedGooseFolder(), ImportOptions.defaults());

        assertThat(sessionCount(store)).as("session 1 and session 5 only").isEqualTo(2);
        assertThat(byRef(store, "goose", "20240101_5").title()).isEqualTo("What is in the changelog?");
        assertThat(report.notes()).extracting(ImportProblem::toString)
                .anySatisfy(n -> assertThat(n).contains("session 20240101_2").contains("internal goose session (session_type hidden)"))
                .anySatisfy(n -> assertThat(n).contains("session 20240101_4").contains("sub_agent"))
                .anySatisfy(n -> assertThat(n).contains("session 20240101_3").contains("no messages"));
        assertThat(store.sessions().list(dev.sessiondesk.store.SessionQuery.all())).extracting(Session::title)
                .doesNotContain("Reply with only a description in four words or less");
    }

    @Test
    void goose09PythonSessionFilesBecomeTextToolCallsAndResults() throws Exception {
        importPath(store, fixture("goose-python/20240905_mellow-river.jsonl"), ImportOptions.defaults());
        Session s = byRef(store, "goose", "20240905_mellow-river");
        List<Message> m = messages(store, s);
        assertThat(s.title()).isEqualTo("List the files in this folder");
        assertThat(m).hasSize(4);
        JsonNode call = CanonicalJson.MAPPER.readTree(m.get(1).contentJson());
        assertThat(call.get(0).path("type").asText()).isEqualTo("text");
        assertThat(call.get(1).path("type").asText()).isEqualTo("toolRequest");
        assertThat(call.get(1).path("toolCall").path("value").path("name").asText()).isEqualTo("bash");
        assertThat(call.get(1).path("toolCall").path("value").path("arguments").path("command").asText()).isEqualTo("ls");
        JsonNode result = CanonicalJson.MAPPER.readTree(m.get(2).contentJson()).get(0);
        assertThat(result.path("type").asText()).isEqualTo("toolResponse");
        assertThat(result.path("id").asText()).isEqualTo("call_1");
        assertThat(result.path("toolResult").path("value").get(0).path("text").asText()).isEqualTo("README.md\nsrc");
        assertThat(m).allSatisfy(x -> assertThat(x.contentJson()).doesNotContain("\"Text\"").doesNotContain("ToolUse"));
    }

    @Test
    void aFolderOfGooseExportsImportsEachOne() throws Exception {
        Path folder = copyFixture("goose-export", tmp);
        ImportReport report = importPath(store, folder, ImportOptions.defaults());
        assertThat(report.imported()).isEqualTo(2);
        assertThat(byRef(store, "goose", "20250301_7")).isNotNull();
        assertThat(byRef(store, "goose", "20240615_2")).isNotNull();
    }
}
