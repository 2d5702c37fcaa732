package dev.sessiondesk.app.search;

import dev.sessiondesk.store.MessageSearch;
import dev.sessiondesk.store.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * Full-text search over every message (the FTS5 table {@code messages_fts}, which the store fills in
 * the same transaction as each append or finished reply). Results are sessions, best first (BM25),
 * each with its best matching message and a highlighted snippet. Sessions in the trash are left out.
 */
public final class SearchService {
    private final MessageSearch index;

    public SearchService(Store store) {
        this.index = new MessageSearch(store);
    }

    /** Up to {@code limit} matching sessions for what the user typed; never fails on odd input. */
    public List<SearchHit> search(String input, int limit) {
        String match = FtsQuery.of(input);
        if (match.isEmpty() || limit <= 0) {
            return List.of();
        }
        List<SearchHit> hits = new ArrayList<>();
        for (MessageSearch.Match m : index.bestPerSession(match, limit, "search messages for \"" + input.strip() + "\"")) {
            hits.add(new SearchHit(m.sessionId(), m.title(), m.seq(), m.snippet(), m.matchingMessages(), m.score(), m.created()));
        }
        return hits;
    }

}
