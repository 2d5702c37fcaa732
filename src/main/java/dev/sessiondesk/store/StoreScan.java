package dev.sessiondesk.store;

import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.store.ScannedChain.SessionRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every chain of the store (verify): the sessions are split by id into parts of about equal message
 * count, and each part is one scan of {@code messages} in (session, seq) order on a reader connection
 * of its own, hashed on the thread that reads it (the parts run side by side on the cores; no
 * hand-off, no rows held). The per-row cost is the driver's, so SQLite hands each row over in five
 * plain values and builds nothing: the sequence number and flags as one integer, {@code created}, and
 * the message id, stored hash and content as their bytes (a cast to BLOB: no text decoding, no JSON
 * parse, no concatenation copying the content). Which session a row belongs to comes from a count per
 * session read first from the (session, seq) index in the same read transaction, so the rows carry no
 * session id either. Each part is one read transaction that reads its sessions' records, their counts
 * and their messages together, so a session's chain and its record always come from one snapshot
 * (parts may be a few milliseconds apart). Each stored row is hashed once: a fork's chain starts from
 * its parent's stored hash at the fork point, and a fork whose parent's prefix is damaged there is
 * reported damaged at the same message. The threads are the caller's ({@link Store.Options#scanThreads});
 * without them the parts are scanned one after another on the calling thread.
 */
final class StoreScan {
    /** Parts per hashing thread, so a thread the machine slows down does not hold up the others for long. */
    private static final int PARTS_PER_THREAD = 4;
    private static final String ROWS = " FROM messages WHERE session_id >= ?";
    /** Each row's seq and flags as {@code seq * 32 + flags} (see {@link ScannedChain}), then four plain values. */
    private static final String SCAN = "SELECT seq * " + ScannedChain.FLAG_SPAN
            + " + (CASE role WHEN 'user' THEN 0 WHEN 'assistant' THEN " + ScannedChain.ASSISTANT + " ELSE "
            + ScannedChain.UNKNOWN_ROLE + " END)"
            + " + (CASE WHEN user_visible != 0 THEN " + ScannedChain.USER_VISIBLE + " ELSE 0 END)"
            + " + (CASE WHEN agent_visible != 0 THEN " + ScannedChain.AGENT_VISIBLE + " ELSE 0 END)"
            + " + (CASE WHEN state = 'streaming' THEN " + ScannedChain.STREAMING + " ELSE 0 END),"
            + " created, CAST(message_id AS BLOB), CAST(hash AS BLOB), CAST(content_json AS BLOB)" + ROWS;

    /** Sessions with ids from {@code from} (inclusive) to {@code to} (exclusive; null: no end). */
    private record Part(String from, String to) {
        /** The upper bound as its own term (an OR with "no bound" would keep SQLite from ending the index range). */
        String upTo(String column) {
            return to == null ? "" : " AND " + column + " < ?";
        }

        void bind(PreparedStatement ps) throws SQLException {
            ps.setString(1, from);
            if (to != null) {
                ps.setString(2, to);
            }
        }
    }

    /** One part's sessions, their chains and the canonical bytes it hashed. */
    private record PartResult(Map<String, SessionRow> sessions, Map<String, ScannedChain> chains, long bytes) {
    }

    private StoreScan() {
    }

    /**
     * Every session's report (in id order) and the canonical bytes hashed, scanned by the calling thread
     * and {@code threads - 1} more from {@code threadFactory} (null: the calling thread alone), each
     * taking the next part until none is left. {@code mapped}: SQLite reads the pages through a memory
     * map (two to three times faster here; {@link StoreReader#readMapped}, readers that stay mapped), only
     * when the file is not suspect — a read error in a map stops the process instead of failing the read,
     * so a store whose page check did not pass is read the ordinary way.
     */
    static StoreReport run(StoreReader reader, String sqliteCheck, ThreadFactory threadFactory, int threads,
                           boolean mapped) {
        int helpers = threadFactory == null ? 0 : Math.max(0, threads - 1);
        List<Part> parts = reader.read("plan the verify", c -> parts(c, (helpers + 1) * PARTS_PER_THREAD));
        PartResult[] results = new PartResult[parts.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < results.length && failure.get() == null; i = next.getAndIncrement()) {
                Part p = parts.get(i);
                try {
                    results[i] = mapped ? reader.readMapped("verify the hash chains", c -> scan(c, p))
                            : reader.read("verify the hash chains", c -> scan(c, p));
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < helpers && i + 1 < results.length; i++) {
            Thread t = threadFactory.newThread(worker);
            t.start();
            started.add(t);
        }
        worker.run();
        joinAll(started);
        if (failure.get() != null) {
            throw failure.get();
        }
        Map<String, SessionRow> sessions = new HashMap<>();
        Map<String, ScannedChain> chains = new HashMap<>();
        long hashed = 0;
        for (PartResult r : results) {
            sessions.putAll(r.sessions());
            chains.putAll(r.chains());
            hashed += r.bytes();
        }
        return new StoreReport(sqliteCheck, inheritDamage(sessions, chains), hashed);
    }

    /** Waits for the helpers; an interrupted verify stops them (each ends after its current part) and says so. */
    private static void joinAll(List<Thread> threads) {
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Kind.IO, "the verify was interrupted");
        }
    }

    /** Splits the sessions, in id order, into at most {@code max} parts of about equal message count. */
    private static List<Part> parts(Connection c, int max) throws SQLException {
        List<String> ids = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        long total = 0;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, message_count FROM sessions ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
                long n = Math.max(1, rs.getLong(2));
                counts.add(n);
                total += n;
            }
        }
        List<Part> parts = new ArrayList<>();
        String from = "";
        long sum = 0;
        for (int i = 0; i < ids.size(); i++) {
            if (sum >= total * (parts.size() + 1) / max && parts.size() < max - 1 && !ids.get(i).equals(from)) {
                parts.add(new Part(from, ids.get(i)));
                from = ids.get(i);
            }
            sum += counts.get(i);
        }
        parts.add(new Part(from, null)); // the last part is open-ended: a session made since is still read
        return parts;
    }

    /**
     * One part in one read transaction: its sessions' records, how many rows each session id has (from
     * the index alone), then the rows in (session, seq) order, counted off session by session.
     */
    private static PartResult scan(Connection c, Part p) throws SQLException {
        Map<String, SessionRow> sessions = sessions(c, p);
        Map<String, ScannedChain> chains = new HashMap<>();
        for (SessionRow s : sessions.values()) {
            String start = s.base() == 0 ? Fingerprint.GENESIS : parentHashOrNull(c, s);
            chains.put(s.id(), new ScannedChain(s, start));
        }
        List<String> ids = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT session_id, count(*)" + ROWS + p.upTo("session_id")
                + " GROUP BY session_id ORDER BY session_id")) {
            p.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    counts.add(rs.getLong(2));
                }
            }
        }
        ScannedChain.Hasher hasher = new ScannedChain.Hasher();
        long bytes = 0;
        try (PreparedStatement ps = c.prepareStatement(SCAN + p.upTo("session_id") + " ORDER BY session_id, seq")) {
            ps.setFetchSize(1024);
            p.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                int session = -1;
                long left = 0;
                ScannedChain chain = null;
                while (rs.next()) {
                    while (left == 0 && ++session < ids.size()) {
                        left = counts.get(session);
                        chain = chains.get(ids.get(session));
                    }
                    if (session >= ids.size()) {
                        throw new IllegalStateException("more rows than the index counted within one read transaction");
                    }
                    left--;
                    if (chain == null) {
                        continue; // rows of a session that does not exist: the search index check and integrity_check report them
                    }
                    bytes += chain.take(rs.getLong(1), rs.getLong(2), rs.getBytes(3), rs.getBytes(4), rs.getBytes(5), hasher);
                }
            }
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("SHA-256 has a 32-byte digest", e);
        }
        return new PartResult(sessions, chains, bytes);
    }

    /** A fork is damaged where an ancestor's chain is damaged within the prefix it shares. */
    private static List<ChainReport> inheritDamage(Map<String, SessionRow> sessions, Map<String, ScannedChain> chains) {
        Map<String, ChainReport> own = new HashMap<>();
        chains.forEach((id, ch) -> own.put(id, ch.report()));
        List<ChainReport> out = new ArrayList<>();
        for (String id : sessions.keySet().stream().sorted().toList()) {
            ChainReport r = own.get(id);
            SessionRow s = sessions.get(id);
            int upto = s.base();
            String parent = s.parent();
            for (int depth = 0; parent != null && upto > 0 && depth < Lineage.MAX_DEPTH; depth++) {
                ChainReport p = own.get(parent);
                SessionRow ps = sessions.get(parent);
                if (p == null || ps == null) {
                    r = new ChainReport(id, 0, false, 1, "session " + id + " shares its first " + upto
                            + " messages with session " + parent + ", which is missing from the store", null);
                    break;
                }
                if (!p.ok() && p.firstBadSeq() != null && p.firstBadSeq() <= upto) {
                    r = new ChainReport(id, p.firstBadSeq() - 1, false, p.firstBadSeq(),
                            p.problem() + " (stored in parent session " + parent + ")", null);
                    break;
                }
                upto = Math.min(upto, ps.base());
                parent = ps.parent();
            }
            out.add(r);
        }
        return out;
    }

    private static Map<String, SessionRow> sessions(Connection c, Part p) throws SQLException {
        Map<String, SessionRow> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, message_count, head_hash, parent_session_id, parent_seq"
                + " FROM sessions WHERE id >= ?" + p.upTo("id"))) {
            p.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String parent = rs.getString(4);
                    int seq = rs.getInt(5);
                    int base = rs.wasNull() ? 0 : Lineage.inherited(parent, seq);
                    out.put(rs.getString(1), new SessionRow(rs.getString(1), rs.getInt(2), rs.getString(3),
                            base == 0 ? null : parent, base));
                }
            }
        }
        return out;
    }

    private static String parentHashOrNull(Connection c, SessionRow s) throws SQLException {
        try {
            return Lineage.hashAt(c, s.parent(), s.base());
        } catch (StoreException brokenLineage) {
            return null;
        }
    }
}
