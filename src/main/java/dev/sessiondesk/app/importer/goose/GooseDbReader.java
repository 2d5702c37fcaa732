package dev.sessiondesk.app.importer.goose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.app.importer.ImportOptions;
import dev.sessiondesk.app.importer.ImportProblem;
import dev.sessiondesk.app.importer.JsonLocations;
import dev.sessiondesk.app.importer.SessionSink;
import dev.sessiondesk.app.importer.SourceSession;
import dev.sessiondesk.app.importer.Timestamps;
import dev.sessiondesk.app.importer.Titles;
import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.MalformedMessageException;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.TitleSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Goose's SQLite store ({@code sessions.db}), any schema version 1–17, opened read-only: the file is
 * never written (no migration, no WAL checkpoint). Columns differ by version, so the reader asks
 * {@code PRAGMA table_info} and selects only the ones that exist; tables it does not use (the
 * {@code threads}/{@code thread_messages} of stores upgraded through v10, recipes …) are ignored.
 * Sessions are read one at a time (the session cursor streams; messages are read per session).
 */
public final class GooseDbReader {
    private static final List<String> SESSION_FIELDS = List.of(
            "id", "name", "description", "user_set_name", "working_dir", "created_at", "archived_at",
            "parent_session_id", "session_type");
    /**
     * Sessions goose makes for itself (sub-agents, hidden helpers such as the one that writes a title
     * from "Reply with only a description in four words or less"): the user never saw them.
     */
    static final Set<String> INTERNAL_SESSION_TYPES = Set.of("hidden", "sub_agent", "subagent", "sub-agent", "internal");
    private static final List<String> MESSAGE_FIELDS = List.of(
            "id", "message_id", "role", "content_json", "created_timestamp", "metadata_json");

    private final ImportOptions options;

    public GooseDbReader(ImportOptions options) {
        this.options = options;
    }

    /** SQLite could not read the Goose database; the message is SQLite's. */
    public static final class UnreadableDatabase extends Exception {
        UnreadableDatabase(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    public void read(Path db, SessionSink sink) throws UnreadableDatabase {
        try {
            readTables(db, sink);
        } catch (SQLException e) {
            throw new UnreadableDatabase(e);
        }
    }

    private void readTables(Path db, SessionSink sink) throws SQLException {
        String label = db.getFileName().toString();
        try (Connection c = openReadOnly(db)) {
            Set<String> tables = names(c, "SELECT name FROM sqlite_master WHERE type = 'table'");
            if (!tables.contains("sessions") || !tables.contains("messages")) {
                sink.failed(label, List.of(new ImportProblem(label,
                        UserText.of("import", "reason.notGooseDb"))));
                return;
            }
            Set<String> sessionCols = names(c, "SELECT name FROM pragma_table_info('sessions')");
            Set<String> messageCols = names(c, "SELECT name FROM pragma_table_info('messages')");
            for (String required : List.of("id")) {
                if (!sessionCols.contains(required)) {
                    sink.failed(label, List.of(new ImportProblem(label + " sessions", UserText.of("import", "goose.noColumn", required))));
                    return;
                }
            }
            for (String required : List.of("session_id", "role", "content_json")) {
                if (!messageCols.contains(required)) {
                    sink.failed(label, List.of(new ImportProblem(label + " messages", UserText.of("import", "goose.noColumn", required))));
                    return;
                }
            }
            long total = count(c);
            String sessionSql = select(sessionCols, SESSION_FIELDS, "sessions")
                    // Parents first, so a fork finds the session it came from already imported.
                    + " ORDER BY " + (sessionCols.contains("parent_session_id") ? "parent_session_id IS NOT NULL, " : "")
                    + (sessionCols.contains("created_at") ? "created_at, " : "") + "id";
            String messageSql = select(messageCols, MESSAGE_FIELDS, "messages") + " WHERE session_id = ? ORDER BY "
                    + (messageCols.contains("created_timestamp") ? "created_timestamp, " : "") + "id";
            long done = 0;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sessionSql);
                 PreparedStatement messages = c.prepareStatement(messageSql)) {
                while (rs.next()) {
                    readSession(label, rs, sessionCols, messages, messageCols, sink);
                    sink.progress(++done, total);
                }
            }
        }
    }

    static Connection openReadOnly(Path db) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setReadOnly(true);
        cfg.setOpenMode(SQLiteOpenMode.OPEN_URI);
        cfg.setBusyTimeout(5_000);
        // mode=ro at the SQLite level too: a read-only open never migrates or checkpoints. Without a
        // -wal file beside it (Goose not running) the file is also opened immutable, because even a
        // read-only open of a WAL database would otherwise create -wal/-shm files next to it.
        boolean walInUse = Files.exists(db.resolveSibling(db.getFileName() + "-wal"));
        return cfg.createConnection("jdbc:sqlite:" + db.toAbsolutePath().toUri().toString().replace("file:///", "file:/")
                + (walInUse ? "?mode=ro" : "?mode=ro&immutable=1"));
    }

    private void readSession(String label, ResultSet rs, Set<String> cols, PreparedStatement messages,
                             Set<String> messageCols, SessionSink sink) throws SQLException {
        String id = rs.getString("id");
        String where = label + " session " + id;
        String name = cols.contains("name") ? Titles.collapseWhitespace(rs.getString("name")) : null;
        String description = cols.contains("description") ? Titles.collapseWhitespace(rs.getString("description")) : null;
        boolean userSet = cols.contains("user_set_name") && truthy(rs.getObject("user_set_name"));
        String workingDir = cols.contains("working_dir") ? rs.getString("working_dir") : null;
        Long created = cols.contains("created_at") ? Timestamps.millis(rs.getObject("created_at")) : null;
        Long archived = cols.contains("archived_at") ? Timestamps.millis(rs.getObject("archived_at")) : null;
        String parent = cols.contains("parent_session_id") ? rs.getString("parent_session_id") : null;
        String type = cols.contains("session_type") ? rs.getString("session_type") : null;
        if (type != null && INTERNAL_SESSION_TYPES.contains(type.strip().toLowerCase(java.util.Locale.ROOT))) {
            sink.note(new ImportProblem(where, UserText.of("import", "reason.internalGoose", type)));
            return;
        }

        List<NewMessage> list = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        long fallback = created == null ? 0 : created / 1000;
        messages.setString(1, id);
        try (ResultSet m = messages.executeQuery()) {
            while (m.next()) {
                String rowWhere = where + " message row " + m.getLong("id");
                if (!problems.isEmpty()) {
                    continue;
                }
                try {
                    NewMessage msg = message(m, messageCols, fallback);
                    list.add(msg);
                    fallback = msg.created();
                } catch (MalformedMessageException e) {
                    problems.add(new ImportProblem(rowWhere, e.path() + ": " + GooseJsonlReader.reasonOf(e)));
                }
            }
        }
        String partialReason = null;
        if (!problems.isEmpty()) {
            if (!options.partial()) {
                sink.failed(where, problems);
                return;
            }
            partialReason = "only the readable part was imported: " + problems.get(0);
            problems.forEach(sink::note);
        }
        if (list.isEmpty() && problems.isEmpty()) {
            // A session goose opened and nobody used: it would only clutter the list.
            sink.note(new ImportProblem(where, UserText.of("import", "reason.noMessages")));
            return;
        }
        String title = name != null ? name : description;
        TitleSource source = title == null ? TitleSource.NONE : userSet ? TitleSource.USER : TitleSource.AUTO;
        if (title == null) {
            title = Titles.fromFirstUserText(list);
            source = title == null ? TitleSource.NONE : TitleSource.AUTO;
        }
        sink.session(new SourceSession(GooseJsonlReader.ORIGIN, id, where, title, source,
                workingDir == null || workingDir.isBlank() ? null : workingDir, created, archived,
                parent == null || parent.isBlank() ? null : parent, null, list, partialReason));
    }

    /** A messages row as Goose message JSON, validated like any other Goose message. */
    private static NewMessage message(ResultSet m, Set<String> cols, long fallback)
            throws SQLException, MalformedMessageException {
        ObjectNode node = CanonicalJson.MAPPER.createObjectNode();
        if (cols.contains("message_id") && m.getString("message_id") != null) {
            node.put("id", m.getString("message_id"));
        }
        node.put("role", m.getString("role"));
        Object ts = cols.contains("created_timestamp") ? m.getObject("created_timestamp") : null;
        if (ts != null) {
            Long ms = Timestamps.millis(ts);
            if (ms == null) {
                throw new MalformedMessageException("created_timestamp", "not a time stamp: " + ts);
            }
            node.put("created", ms / 1000);
        }
        node.set("content", json(m.getString("content_json"), "content_json"));
        if (cols.contains("metadata_json")) {
            String meta = m.getString("metadata_json");
            if (meta != null && !meta.isBlank()) {
                node.set("metadata", json(meta, "metadata_json"));
            }
        }
        return GooseMessageRows.read(node, fallback);
    }

    private static JsonNode json(String text, String column) throws MalformedMessageException {
        if (text == null) {
            throw new MalformedMessageException(column, "is empty");
        }
        try {
            return CanonicalJson.parse(text);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException(column, "not valid JSON (" + JsonLocations.reason(e) + ")");
        }
    }

    private static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Number n) {
            return n.longValue() != 0;
        }
        String s = v.toString().strip();
        return s.equals("1") || s.equalsIgnoreCase("true");
    }

    private static String select(Set<String> existing, List<String> wanted, String table) {
        StringJoiner cols = new StringJoiner(", ");
        for (String w : wanted) {
            if (existing.contains(w)) {
                cols.add(w);
            }
        }
        return "SELECT " + cols + " FROM " + table;
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM sessions")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static Set<String> names(Connection c, String sql) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
