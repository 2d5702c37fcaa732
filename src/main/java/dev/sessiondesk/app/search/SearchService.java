package dev.sessiondesk.app.search;

import dev.sessiondesk.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Full-text search over every message (the FTS5 table {@code messages_fts}, which the store fills in
 * the same transaction as each append or finished reply). Results are sessions, best first (BM25),
 * each with its best matching message and a highlighted snippet. Sessions in the trash are left out.
 */
public final class SearchService {
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

    private final Store store;
    private final Executor background;

    public SearchService(Store store, Executor background) {
        this.store = store;
        this.background = background;
    }

    /** Up to {@code limit} matching sessions for what the user typed; never fails on odd input. */
    public List<SearchHit> search(String input, int limit) {
        String match = FtsQuery.of(input);
        if (match.isEmpty() || limit <= 0) {
            return List.of();
        }
        return store.reader().read("search messages for \"" + input.strip() + "\"", c -> {
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                ps.setString(1, match);
                ps.setInt(2, limit);
                List<SearchHit> hits = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        hits.add(new SearchHit(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                                rs.getInt(6), rs.getDouble(5), rs.getLong(7)));
                    }
                }
                return hits;
            }
        });
    }

    /** The same off the caller's thread (the search box types on the FX thread). */
    public CompletableFuture<List<SearchHit>> searchAsync(String input, int limit) {
        return CompletableFuture.supplyAsync(() -> search(input, limit), background);
    }
}
