package dev.sessiondesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The full-text index over every message ({@code messages_fts}, filled in the same transaction as
 * each append or finished reply): the best matching message of each session, best session first
 * (BM25), with a snippet whose matches are marked by the characters 2 and 3. The trash is left out.
 */
public final class MessageSearch {
    private static final String SQL = """
            SELECT session_id, title, seq, snip, score, hits, created FROM (
              SELECT m.session_id, s.title, m.seq, h.snip, h.score, m.created,
                     row_number() OVER (PARTITION BY m.session_id ORDER BY h.score, m.seq) AS pick,
                     count(*) OVER (PARTITION BY m.session_id) AS hits
              FROM (SELECT rowid AS message_row, bm25(messages_fts) AS score,
                           snippet(messages_fts, 0, char(2), char(3), '…', 12) AS snip
                    FROM messages_fts WHERE messages_fts MATCH ?) h
              JOIN messages m ON m.id = h.message_row
              JOIN sessions s ON s.id = m.session_id
              WHERE s.deleted_at IS NULL)
            WHERE pick = 1
            ORDER BY score, session_id
            LIMIT ?""";

    /** One session's best match; {@code matchingMessages} counts every message of it that matched. */
    public record Match(String sessionId, String title, int seq, String snippet, double score, int matchingMessages,
                        long created) {
    }

    private final Store store;

    public MessageSearch(Store store) {
        this.store = store;
    }

    /** @param ftsMatch an FTS5 MATCH expression (already made safe from what the user typed) */
    public List<Match> bestPerSession(String ftsMatch, int limit, String doing) {
        return store.reader().read(doing, c -> {
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                ps.setString(1, ftsMatch);
                ps.setInt(2, limit);
                List<Match> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Match(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                                rs.getDouble(5), rs.getInt(6), rs.getLong(7)));
                    }
                }
                return out;
            }
        });
    }
}
