package dev.sessiondesk.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * SQLite's page check of every b-tree in the file without FTS5's check of its index's content: what a
 * backup's verification runs instead of {@code PRAGMA quick_check}.
 *
 * <p>Why (SQLite 3.54, issue 17): since 3.44 {@code quick_check} and {@code integrity_check} also call
 * each virtual table's {@code xIntegrity}, and FTS5's ignores the "quick" flag: it reads every indexed
 * row back, tokenizes it again and compares checksums with the whole index — 85-90% of a verified
 * backup's time. The search index is derived data (rebuilt from {@code messages} at any time, see
 * {@link Store#rebuildSearchIndex}); what a backup must prove is that every page of every b-tree reads
 * back intact, and the hash chains prove the messages themselves. So this runs the same checks
 * {@code quick_check} runs minus that one:
 * <ul>
 * <li>{@code PRAGMA quick_check(t)} for every real table (FTS5's shadow tables {@code messages_fts_*}
 *     included, so the index's pages are checked as b-trees; the virtual table itself is skipped):
 *     each b-tree's pages, cells and order, its indexes, NOT NULL and CHECK constraints;</li>
 * <li>every page accounted for: the pages of all b-trees ({@code dbstat}, each page once) are the whole
 *     file, so no page is lost or shared by two trees (the part a check restricted to one table skips);</li>
 * <li>the freelist must be empty, as a {@code VACUUM INTO} copy's is: a file with free pages (or
 *     pointer-map pages, or no {@code dbstat}) gets the whole {@code quick_check} instead, which walks them.</li>
 * </ul>
 * A restore still runs the whole {@code quick_check} on the restored store, FTS5's check included, and
 * rebuilds the search index from the messages when that is all that fails.
 */
final class PageCheck {
    private PageCheck() {
    }

    /** "ok", or the problems found, one line each (joined with "; " as SQLite's own check reports them). */
    static String run(Connection c) throws SQLException {
        if (longValue(c, "PRAGMA freelist_count") != 0 || longValue(c, "PRAGMA auto_vacuum") != 0 || !hasDbstat(c)) {
            return ChainVerifier.sqliteCheck(c, false);
        }
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table' AND rootpage > 0")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        List<String> problems = new ArrayList<>();
        for (String t : tables) {
            // A page too damaged to open fails the statement instead of adding a line: that is a finding too.
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("PRAGMA quick_check(\"" + t.replace("\"", "\"\"") + "\")")) {
                while (rs.next()) {
                    if (!"ok".equals(rs.getString(1))) {
                        problems.add(rs.getString(1));
                    }
                }
            } catch (SQLException damaged) {
                problems.add("table " + t + ": " + damaged.getMessage());
            }
        }
        if (problems.isEmpty()) {
            long pages = longValue(c, "PRAGMA page_count");
            long pageSize = longValue(c, "PRAGMA page_size");
            long lockPage = (1L << 30) / pageSize + 1; // the page holding the lock bytes is never used
            long expected = pages - (pages >= lockPage ? 1 : 0);
            try {
                long used = longValue(c, "SELECT count(DISTINCT pageno) FROM dbstat");
                if (used != expected) {
                    problems.add("the b-trees use " + used + " pages of the file's " + expected
                            + " (pages lost or shared by two trees)");
                }
            } catch (SQLException damaged) {
                problems.add("counting the pages: " + damaged.getMessage());
            }
        }
        return problems.isEmpty() ? "ok" : String.join("; ", problems);
    }

    private static boolean hasDbstat(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM pragma_module_list WHERE name = 'dbstat'")) {
            return rs.next();
        }
    }

    private static long longValue(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
