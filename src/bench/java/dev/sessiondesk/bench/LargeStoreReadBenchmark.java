package dev.sessiondesk.bench;

import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.SessionQuery;
import dev.sessiondesk.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a user waits for on a big store: the first page of the session list, the first screen of a
 * long session, a full-text search. Each is measured through the store's own reader pool; the
 * baseline is the pool's floor (a {@code SELECT 1} read transaction) or, for opening a session, the
 * same open on a 100-message session, taken alternately in the same run.
 */
final class LargeStoreReadBenchmark implements Benchmark {
    static final int PAGE = 50;
    static final int SCREEN = 50;
    static final int HITS = 20;
    /** What a search box runs: best matches first, with a snippet and where each hit is. */
    static final String SEARCH_SQL = "SELECT m.session_id, m.seq, snippet(messages_fts, 0, '[', ']', '…', 12)"
            + " FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid"
            + " WHERE messages_fts MATCH ? ORDER BY rank LIMIT " + HITS;

    private static final Target LIST_TARGET = Target.millisAtMost(50);
    private static final Target OPEN_TARGET = Target.millisAtMost(150);
    private static final Target SEARCH_TARGET = Target.millisAtMost(50);

    @Override
    public String name() {
        return "large store: list, open, search";
    }

    private static String listRow(BenchConfig cfg) {
        return String.format("first page (%d) of the session list, %,d sessions / %,d messages, median", PAGE,
                cfg.storeSessions(), cfg.storeMessages());
    }

    private static String openRow(BenchConfig cfg) {
        return String.format("open a %,d-message session: session row + last %d messages, median", cfg.longSession(),
                SCREEN);
    }

    private static String searchRow(BenchConfig cfg) {
        return String.format("full-text search (FTS5 MATCH, top %d by rank, snippets) over %,d messages, median", HITS,
                cfg.storeMessages());
    }

    @Override
    public List<PlannedRow> plannedRows() {
        BenchConfig cfg = BenchConfig.fromSystemProperties();
        return List.of(new PlannedRow(listRow(cfg), LIST_TARGET), new PlannedRow(openRow(cfg), OPEN_TARGET),
                new PlannedRow(searchRow(cfg), SEARCH_TARGET));
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        BenchConfig cfg = ctx.config();
        LargeStore large = ctx.largeStore();
        Store store = large.store();
        int repeats = cfg.readRepeats();
        Samples floor = new Samples();
        Samples list = new Samples();
        Samples openLong = new Samples();
        Samples openShort = new Samples();
        for (int i = -3; i < repeats; i++) { // three warm-up rounds
            boolean measured = i >= 0;
            long t = System.nanoTime();
            store.reader().read("bench: floor", c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1"); ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            });
            record(floor, t, measured);
            t = System.nanoTime();
            List<Session> page = store.sessions().list(SessionQuery.firstPage(PAGE));
            record(list, t, measured);
            check(page.size() == Math.min(PAGE, cfg.storeSessions()), "the first page has " + page.size() + " sessions");
            t = System.nanoTime();
            open(store, large.longSessionId());
            record(openLong, t, measured);
            t = System.nanoTime();
            open(store, large.shortSessionId());
            record(openShort, t, measured);
        }
        Map<String, Samples> searches = search(ctx, store, Math.max(5, repeats / 6));
        Samples allSearches = new Samples();
        String slowest = null;
        double slowestMedian = -1;
        StringBuilder perQuery = new StringBuilder();
        for (var e : searches.entrySet()) {
            Samples s = e.getValue();
            for (int i = 1; i <= s.count(); i++) {
                allSearches.add(s.percentileNanos(100.0 * i / s.count()));
            }
            if (s.medianMillis() > slowestMedian) {
                slowestMedian = s.medianMillis();
                slowest = e.getKey();
            }
            perQuery.append(perQuery.length() == 0 ? "" : ", ").append('`').append(e.getKey()).append("` ")
                    .append(Format.ms(s.medianMillis())).append(" (")
                    .append(Format.number(matches(store, e.getKey()))).append(" matches)");
        }
        ctx.note(String.format("Reads: %d rounds after 3 warm-up; list p99 %s, open p99 %s (100-message session p99 %s);"
                        + " search medians per query: %s; slowest query `%s`.",
                repeats, Format.ms(list.p99Millis()), Format.ms(openLong.p99Millis()), Format.ms(openShort.p99Millis()),
                perQuery, slowest));
        String floorText = "`SELECT 1` read p50 " + Format.ms(floor.medianMillis());
        return List.of(
                Figure.measured(listRow(cfg), Format.ms(list.medianMillis()), list.medianMillis(), floorText,
                        list.medianMillis() / floor.medianMillis(), LIST_TARGET, null),
                Figure.measured(openRow(cfg), Format.ms(openLong.medianMillis()), openLong.medianMillis(),
                        "same on a 100-message session " + Format.ms(openShort.medianMillis()),
                        openLong.medianMillis() / openShort.medianMillis(), OPEN_TARGET, null),
                Figure.measured(searchRow(cfg), Format.ms(allSearches.medianMillis()) + " (slowest query "
                                + Format.ms(slowestMedian) + ")", allSearches.medianMillis(), floorText,
                        allSearches.medianMillis() / floor.medianMillis(), SEARCH_TARGET, null));
    }

    private static void record(Samples s, long start, boolean measured) {
        long took = System.nanoTime() - start;
        if (measured) {
            s.add(took);
        }
    }

    /** What a window does to show a session: its row, then its last screenful of messages. */
    private static void open(Store store, String id) {
        Session s = store.sessions().require(id);
        List<Message> screen = store.messages().tail(id, SCREEN);
        check(screen.size() == Math.min(SCREEN, s.messageCount()), "session " + id + " showed " + screen.size());
    }

    /**
     * Queries a user might type, from frequent to rare words of the generated vocabulary, an AND of two
     * words and a prefix. Each is run {@code repeats} times, round-robin.
     */
    private static Map<String, Samples> search(BenchContext ctx, Store store, int repeats) {
        Vocabulary v = new ConversationGenerator(ctx.config().seed()).vocabulary();
        List<String> queries = new ArrayList<>(List.of(v.word(60), v.word(300), v.word(480), v.word(1_000),
                v.word(2_500), v.word(4_000), v.word(520) + " " + v.word(900), v.word(700).substring(0, 3) + "*"));
        Map<String, Samples> out = new LinkedHashMap<>();
        for (String q : queries) {
            out.put(q, new Samples());
        }
        for (int i = -1; i < repeats; i++) {
            for (String q : queries) {
                long t = System.nanoTime();
                int hits = store.reader().read("bench: search", c -> {
                    try (PreparedStatement ps = c.prepareStatement(SEARCH_SQL)) {
                        ps.setString(1, q);
                        int n = 0;
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                n++;
                            }
                        }
                        return n;
                    }
                });
                record(out.get(q), t, i >= 0);
                check(hits > 0, "the search for `" + q + "` found nothing");
            }
        }
        return out;
    }

    private static long matches(Store store, String query) {
        return store.reader().read("bench: count matches", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?")) {
                ps.setString(1, query);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("unexpected result: " + what);
        }
    }
}
