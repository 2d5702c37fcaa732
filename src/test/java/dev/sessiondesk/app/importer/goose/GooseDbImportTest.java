package dev.sessiondesk.app.importer.goose;

import static dev.sessiondesk.app.importer.ImportTestSupport.byRef;
import static dev.sessiondesk.app.importer.ImportTestSupport.fixture;
import static dev.sessiondesk.app.importer.ImportTestSupport.importPath;
import static dev.sessiondesk.app.importer.ImportTestSupport.messages;
import static dev.sessiondesk.app.importer.ImportTestSupport.sessionCount;
import static dev.sessiondesk.app.importer.ImportTestSupport.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.importer.ImportFormat;
import dev.sessiondesk.app.importer.ImportOptions;
import dev.sessiondesk.app.importer.ImportReport;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.GooseMessages;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.TitleSource;
import dev.sessiondesk.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Goose sessions.db files built here at old and new schema versions, as formats.md describes them. */
class GooseDbImportTest {
    @TempDir
    Path tmp;
    Store store;
    Path gooseDir;

    @BeforeEach
    void open() throws Exception {
        store = Store.open(tmp.resolve("data"));
        gooseDir = Files.createDirectories(tmp.resolve("goose data #1")); // URI-special characters in the path
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Roughly schema v1: description, no message_id, no metadata_json, text time stamps. */
    private Path oldDb() throws SQLException {
        Path db = gooseDir.resolve("sessions.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO schema_version(version) VALUES (1)");
            s.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, description TEXT NOT NULL DEFAULT '', working_dir TEXT NOT NULL,"
                    + " created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,"
                    + " total_tokens INTEGER, input_tokens INTEGER, output_tokens INTEGER, extension_data TEXT DEFAULT '{}')");
            s.execute("CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL REFERENCES sessions(id),"
                    + " role TEXT NOT NULL, content_json TEXT NOT NULL, created_timestamp INTEGER NOT NULL,"
                    + " timestamp TIMESTAMP DEFAULT CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO sessions(id, description, working_dir, created_at) VALUES"
                    + " ('20240301_1', 'Old   style\n title', '/srv/old', '2024-03-01 08:00:00'),"
                    + " ('20240301_2', '', '/srv/old', '2024-03-01 09:00:00')");
            // Inserted out of order: the reader must order by created_timestamp, then id.
            s.execute("INSERT INTO messages(session_id, role, content_json, created_timestamp) VALUES"
                    + " ('20240301_1', 'assistant', '[{\"type\":\"text\",\"text\":\"second\"}]', 1709280010),"
                    + " ('20240301_1', 'user', '[{\"type\":\"text\",\"text\":\"first\"}]', 1709280000),"
                    + " ('20240301_1', 'user', '[{\"type\":\"text\",\"text\":\"third (same second, later id)\"}]', 1709280010),"
                    + " ('20240301_2', 'user', '[{\"type\":\"text\",\"text\":\"an untitled question\"}]', 1709283600)");
        }
        return db;
    }

    /** Roughly schema v17: name, user_set_name, archived_at, parent_session_id, message_id, metadata_json. */
    private Path newDb(boolean withThreads) throws SQLException {
        Path db = gooseDir.resolve("sessions.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)");
            for (int v = 1; v <= 17; v++) {
                s.execute("INSERT INTO schema_version(version) VALUES (" + v + ")");
            }
            s.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',"
                    + " user_set_name BOOLEAN DEFAULT FALSE, session_type TEXT NOT NULL DEFAULT 'user', working_dir TEXT NOT NULL,"
                    + " created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,"
                    + " extension_data TEXT DEFAULT '{}', total_tokens INTEGER, accumulated_total_tokens INTEGER,"
                    + " schedule_id TEXT, recipe_json TEXT, provider_name TEXT, model_config_json TEXT,"
                    + " archived_at TIMESTAMP, project_id TEXT, parent_session_id TEXT)");
            s.execute("CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT, message_id TEXT, session_id TEXT NOT NULL,"
                    + " role TEXT NOT NULL, content_json TEXT NOT NULL, created_timestamp INTEGER NOT NULL,"
                    + " timestamp TIMESTAMP DEFAULT CURRENT_TIMESTAMP, tokens INTEGER, metadata_json TEXT)");
            if (withThreads) {
                s.execute("CREATE TABLE threads (id TEXT PRIMARY KEY, name TEXT, created_at TIMESTAMP)");
                s.execute("CREATE TABLE thread_messages (thread_id TEXT, message_id INTEGER, PRIMARY KEY(thread_id, message_id))");
                s.execute("INSERT INTO threads VALUES ('t1', 'a thread', '2025-01-01 00:00:00')");
            }
            // The fork is older than its parent and sorts first by id: the reader must still import the parent first.
            s.execute("INSERT INTO sessions(id, name, description, user_set_name, session_type, working_dir, created_at,"
                    + " archived_at, parent_session_id) VALUES"
                    + " ('20250101_1', 'A fork', '', 0, 'user', '/w', '2025-01-01 09:00:00', NULL, '20250102_1'),"
                    + " ('20250102_1', 'Chosen by me', 'ignored description', 1, 'user', '/w', '2025-01-02 10:00:00',"
                    + "  '2025-02-01 00:00:00', NULL),"
                    + " ('20250103_1', 'Generated name', '', 0, 'scheduled', '/w', '2025-01-03 10:00:00', NULL, NULL)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages(message_id, session_id, role, content_json,"
                    + " created_timestamp, metadata_json) VALUES (?,?,?,?,?,?)")) {
                row(ps, "msg_a", "20250102_1", "user", "[{\"type\":\"text\",\"text\":\"hello\"}]", 1735812000000L, null);
                row(ps, "msg_b", "20250102_1", "assistant", "[{\"type\":\"toolRequest\",\"id\":\"c1\",\"toolCall\":"
                        + "{\"status\":\"success\",\"value\":{\"name\":\"shell\",\"arguments\":{\"cmd\":\"ls\"}}}}]",
                        1735812001000L, "{\"userVisible\":false,\"agentVisible\":true,\"extra\":1}");
                row(ps, "msg_c", "20250101_1", "user", "[{\"type\":\"text\",\"text\":\"forked\"}]", 1735722000L, "{}");
                row(ps, "msg_d", "20250103_1", "user", "[{\"type\":\"text\",\"text\":\"scheduled run\"}]", 1735898400L, null);
            }
        }
        return db;
    }

    /** One goose {@code messages} row through an INSERT of (message_id, session_id, role, content_json, created_timestamp, metadata_json). */
    static void row(PreparedStatement ps, String id, String session, String role, String content, long created,
                            String meta) throws SQLException {
        ps.setString(1, id);
        ps.setString(2, session);
        ps.setString(3, role);
        ps.setString(4, content);
        ps.setLong(5, created);
        ps.setString(6, meta);
        ps.executeUpdate();
    }

    @Test
    void readsAnOldSchemaWithDescriptionsAndOrdersMessagesByTimeThenId() throws Exception {
        Path db = oldDb();
        TreeMap<String, String> before = snapshot(gooseDir);

        ImportReport report = importPath(store, db, ImportOptions.defaults());

        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.skipped()).isEmpty();
        Session s = byRef(store, "goose", "20240301_1");
        assertThat(s.title()).isEqualTo("Old style title");
        assertThat(s.titleSource()).isEqualTo(TitleSource.AUTO);
        assertThat(s.workingDir()).isEqualTo("/srv/old");
        assertThat(s.createdAt()).isEqualTo(java.time.Instant.parse("2024-03-01T08:00:00Z").toEpochMilli());
        List<Message> m = messages(store, s);
        assertThat(m).extracting(x -> dev.sessiondesk.model.ContentItems.plainText(x.contentJson()))
                .containsExactly("first", "second", "third (same second, later id)");
        assertThat(m.get(0).messageId()).isNull();
        assertThat(m.get(0).userVisible()).isTrue();
        assertThat(byRef(store, "goose", "20240301_2").title()).isEqualTo("an untitled question");
        assertThat(snapshot(gooseDir)).as("the Goose store is opened read-only and left as it was").isEqualTo(before);
    }

    @Test
    void readsANewSchemaWithUserTitlesArchiveForksMessageIdsAndMetadata() throws Exception {
        Path db = newDb(false);
        TreeMap<String, String> before = snapshot(gooseDir);

        ImportReport report = importPath(store, gooseDir, ImportOptions.defaults());

        assertThat(report.imported()).isEqualTo(3);
        Session parent = byRef(store, "goose", "20250102_1");
        assertThat(parent.title()).isEqualTo("Chosen by me");
        assertThat(parent.titleSource()).isEqualTo(TitleSource.USER);
        assertThat(parent.archivedAt()).isEqualTo(java.time.Instant.parse("2025-02-01T00:00:00Z").toEpochMilli());
        List<Message> m = messages(store, parent);
        assertThat(m).extracting(Message::messageId).containsExactly("msg_a", "msg_b");
        assertThat(m.get(0).created()).isEqualTo(1735812000L);
        assertThat(m.get(1).userVisible()).isFalse();
        assertThat(m.get(1).contentJson()).contains("\"toolRequest\"").contains("\"cmd\":\"ls\"");
        Session fork = byRef(store, "goose", "20250101_1");
        assertThat(fork.parentSessionId()).isEqualTo(parent.id());
        assertThat(fork.titleSource()).isEqualTo(TitleSource.AUTO);
        assertThat(byRef(store, "goose", "20250103_1").title()).isEqualTo("Generated name");
        assertThat(snapshot(gooseDir)).isEqualTo(before);
        assertThat(Files.exists(db)).isTrue();
    }

    @Test
    void toleratesTheThreadsTablesOfStoresUpgradedThroughV10() throws Exception {
        newDb(true);

        ImportReport report = importPath(store, gooseDir.resolve("sessions.db"), ImportOptions.defaults().withFormat(ImportFormat.GOOSE_DB));

        assertThat(report.imported()).isEqualTo(3);
        assertThat(report.skipped()).isEmpty();
    }

    @Test
    void readsAStoreInWalModeWithoutWritingBesideIt() throws Exception {
        Path db = newDb(false);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
        }
        TreeMap<String, String> before = snapshot(gooseDir);

        ImportReport report = importPath(store, db, ImportOptions.defaults());

        assertThat(report.imported()).isEqualTo(3);
        assertThat(snapshot(gooseDir)).isEqualTo(before);
    }

    @Test
    void aBadMessageRowIsLocatedAndOnlyItsSessionIsSkipped() throws Exception {
        Path db = newDb(false);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("UPDATE messages SET content_json = '[{\"type\":\"text\",\"text\":' WHERE message_id = 'msg_b'");
        }

        ImportReport report = importPath(store, db, ImportOptions.defaults());

        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.skipped()).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("sessions.db session 20250102_1 message row 2");
            assertThat(p.reason()).contains("content_json").contains("not valid JSON");
        });
        assertThat(store.sessions().findByExternalRef("goose", "20250102_1")).isEmpty();
    }

    @Test
    void aSessionAlreadyImportedFromItsJsonlFileIsRecognisedInTheDatabase() throws Exception {
        importPath(store, fixture("goose-jsonl"), ImportOptions.defaults());
        Path db = gooseDir.resolve("sessions.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, name TEXT, working_dir TEXT, created_at TIMESTAMP)");
            s.execute("CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT, message_id TEXT, session_id TEXT, role TEXT,"
                    + " content_json TEXT, created_timestamp INTEGER, metadata_json TEXT)");
            s.execute("INSERT INTO sessions VALUES ('20240101_120000', 'Fix the flaky build on CI', '/w', '2024-01-01 12:00:00')");
            List<String> lines = Files.readAllLines(fixture("goose-jsonl/20240101_120000.jsonl"));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages(message_id, session_id, role, content_json,"
                    + " created_timestamp, metadata_json) VALUES (?,?,?,?,?,?)")) {
                for (String line : lines.subList(1, lines.size())) {
                    JsonNode n = CanonicalJson.parse(line);
                    // Goose's migration copied messages as they were; "reasoning" is normalised by both readers.
                    row(ps, n.path("id").asText(null), "20240101_120000", n.get("role").asText(),
                            // One unit per database, as Goose writes them (the JSONL file mixes ms in).
                            n.get("content").toString(), GooseMessages.normalizeSeconds(n.get("created").asLong()),
                            n.has("metadata") ? n.get("metadata").toString() : null);
                }
            }
        }

        ImportReport report = importPath(store, db, ImportOptions.defaults());

        assertThat(report.alreadyPresent()).as(String.join("\n", report.summaryLines())).isEqualTo(1);
        assertThat(report.imported()).isZero();
        assertThat(sessionCount(store)).isEqualTo(2);
    }
}
