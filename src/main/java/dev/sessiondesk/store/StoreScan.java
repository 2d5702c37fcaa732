package dev.sessiondesk.store;

import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.Fingerprint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Every chain of the store (verify): the sessions are split by id into parts of about equal message
 * count, and each part is one scan of {@code messages} in (session, seq) order on a reader connection
 * of its own, hashed on the thread that reads it (two cores read and hash at once; no hand-off, no
 * rows held). SQLite hands each row over in few columns: the canonical prefix
 * {@code {"content":…,"created":…} } built by SQLite as bytes (no text decoding, no JSON parse), the
 * flags as one integer and the stored hash as its 32 bytes; the digest and the canonical suffix are
 * reused, so a row costs its copy and its SHA-256. Each part is one read transaction that reads its
 * sessions' records and their messages together, so a session's chain and its record always come from
 * one snapshot (parts may be a few milliseconds apart). Each stored row is hashed once: a fork's chain
 * starts from its parent's stored hash at the fork point, and a fork whose parent's prefix is damaged
 * there is reported damaged at the same message.
 */
final class StoreScan {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] ID = ",\"id\":\"".getBytes(StandardCharsets.US_ASCII);
    /** The canonical bytes after the id, by flags: agentVisible 4, userVisible 2, assistant 1. */
    private static final byte[][] SUFFIX = new byte[8][];
    private static final int ASSISTANT = 1;
    private static final int USER_VISIBLE = 2;
    private static final int AGENT_VISIBLE = 4;
    private static final int STREAMING = 8;
    private static final int UNKNOWN_ROLE = 16;
    /** Parts per hashing thread, so a thread the machine slows down does not hold up the others for long. */
    private static final int PARTS_PER_THREAD = 4;
    /** The memory map a verify scan reads pages through (no read call and no copy per page). */
    private static final long SCAN_MMAP_BYTES = 1L << 30;
    private static final String SCAN = "SELECT session_id, seq,"
            + " CAST('{\"content\":' || ifnull(content_json, '') || ',\"created\":' || CAST(created AS INTEGER) AS BLOB),"
            + " CAST(message_id AS BLOB),"
            + " (CASE role WHEN 'user' THEN 0 WHEN 'assistant' THEN 1 ELSE 16 END) | (CASE WHEN user_visible != 0 THEN 2"
            + " ELSE 0 END) | (CASE WHEN agent_visible != 0 THEN 4 ELSE 0 END) | (CASE WHEN state = 'streaming' THEN 8"
            + " ELSE 0 END),"
            + " CASE WHEN length(hash) = 64 AND hash = lower(hash) THEN unhex(hash) END"
            + " FROM messages WHERE session_id >= ?";

    static {
        for (int f = 0; f < SUFFIX.length; f++) {
            SUFFIX[f] = (",\"metadata\":{\"agentVisible\":" + ((f & AGENT_VISIBLE) != 0) + ",\"userVisible\":"
                    + ((f & USER_VISIBLE) != 0) + "},\"role\":\"" + ((f & ASSISTANT) != 0 ? "assistant" : "user") + "\"}")
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }

    private record SessionRow(String id, int count, String head, String parent, int base) {
    }

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
    private record PartResult(Map<String, SessionRow> sessions, Map<String, Chain> chains, long bytes) {
    }

    /** One session's own chain as its rows arrive, on the one thread that scans its part. */
    private static final class Chain {
        final SessionRow s;
        byte[] head;
        int expectedSeq;
        int checked;
        Integer badSeq;
        String problem;

        Chain(SessionRow s, String startHead) {
            this.s = s;
            this.head = startHead == null ? null : HEX.parseHex(startHead);
            this.expectedSeq = s.base() + 1;
            this.checked = s.base();
            if (startHead == null) {
                fail(s.base(), "the parent session " + s.parent() + " has no finished message " + s.base()
                        + " to continue from");
            }
        }

        void fail(int seq, String why) {
            if (problem == null) {
                badSeq = seq;
                problem = why;
            }
        }

        /** Takes the next stored row; the digest is the part's own, {@code out} its 32-byte scratch. */
        long take(int seq, byte[] prefix, byte[] messageId, int flags, byte[] stored, MessageDigest sha, byte[] out)
                throws java.security.DigestException {
            if (problem != null) {
                return 0;
            }
            if (seq != expectedSeq) {
                fail(seq > expectedSeq ? expectedSeq : seq, seq > expectedSeq
                        ? "message " + expectedSeq + " is missing (the next stored one is " + seq + ")"
                        : "message " + seq + " is stored twice or out of order");
                return 0;
            }
            expectedSeq++;
            if ((flags & STREAMING) != 0) {
                if (seq != s.count() + 1) {
                    fail(seq, "a streaming reply is not the last message");
                }
                return 0;
            }
            if ((flags & UNKNOWN_ROLE) != 0) {
                fail(seq, "the message's role is neither user nor assistant (changed or damaged)");
                return 0;
            }
            sha.update(head);
            sha.update(prefix);
            long n = prefix.length;
            if (messageId != null) {
                byte[] quoted = jsonStringBody(messageId);
                sha.update(ID);
                sha.update(quoted);
                n += ID.length + quoted.length;
            }
            byte[] suffix = SUFFIX[flags & 7];
            sha.update(suffix);
            sha.digest(out, 0, out.length);
            if (stored == null || !Arrays.equals(out, stored)) {
                fail(seq, "content does not match its hash (changed, reordered or damaged)");
                return n + suffix.length;
            }
            head = out.clone();
            checked++;
            return n + suffix.length;
        }

        ChainReport report() {
            String hex = head == null ? null : HEX.formatHex(head);
            if (problem != null) {
                return new ChainReport(s.id(), checked, false, badSeq, problem, hex);
            }
            if (checked != s.count() || !hex.equals(s.head())) {
                return new ChainReport(s.id(), checked, false, Math.min(checked, s.count()) + 1, "the session record says "
                        + s.count() + " messages ending in " + abbrev(s.head()) + ", the chain has " + checked
                        + " ending in " + abbrev(hex), hex);
            }
            return new ChainReport(s.id(), checked, true, null, null, hex);
        }
    }

    private StoreScan() {
    }

    /**
     * The message id as canonical JSON writes it, without the opening quote (the {@link #ID} piece has
     * it) but with the closing one: printable ASCII without quote or backslash as it is, anything else
     * through {@link CanonicalJson} (escapes and all), so the bytes are those of
     * {@link dev.sessiondesk.model.GooseMessages#canonicalBytesOfStored}.
     */
    private static byte[] jsonStringBody(byte[] id) {
        for (byte b : id) {
            if (b < 0x20 || b > 0x7e || b == '"' || b == '\\') {
                String json = CanonicalJson.write(com.fasterxml.jackson.databind.node.TextNode.valueOf(
                        new String(id, StandardCharsets.UTF_8)));
                return json.substring(1).getBytes(StandardCharsets.UTF_8);
            }
        }
        byte[] out = Arrays.copyOf(id, id.length + 1);
        out[id.length] = '"';
        return out;
    }

    /**
     * Every session's report (in id order) and the canonical bytes hashed, scanned on {@code threads}
     * threads. {@code mapped}: SQLite reads the pages through a memory map (two to three times faster
     * here), only when the file is not suspect — a read error in a map stops the process instead of
     * failing the read, so a store whose page check did not pass is read the ordinary way.
     */
    static StoreReport run(StoreReader reader, String sqliteCheck, int threads, boolean mapped) {
        List<Part> parts = reader.read("plan the verify", c -> parts(c, threads * PARTS_PER_THREAD));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "verify-scan");
            t.setDaemon(true);
            return t;
        });
        List<PartResult> results = new ArrayList<>();
        try {
            List<CompletableFuture<PartResult>> running = new ArrayList<>();
            for (Part p : parts) {
                running.add(CompletableFuture.supplyAsync(() -> reader.read("verify the hash chains", c -> scan(c, p, mapped)),
                        pool));
            }
            for (CompletableFuture<PartResult> f : running) {
                results.add(join(f));
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, SessionRow> sessions = new HashMap<>();
        Map<String, Chain> chains = new HashMap<>();
        long hashed = 0;
        for (PartResult r : results) {
            sessions.putAll(r.sessions());
            chains.putAll(r.chains());
            hashed += r.bytes();
        }
        return new StoreReport(sqliteCheck, inheritDamage(sessions, chains), hashed);
    }

    private static PartResult join(CompletableFuture<PartResult> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
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

    /** One part in one read transaction: its sessions' records, then their rows in (session, seq) order. */
    private static PartResult scan(Connection c, Part p, boolean mapped) throws SQLException {
        Map<String, SessionRow> sessions = sessions(c, p);
        Map<String, Chain> chains = new HashMap<>();
        for (SessionRow s : sessions.values()) {
            String start = s.base() == 0 ? Fingerprint.GENESIS : parentHashOrNull(c, s);
            chains.put(s.id(), new Chain(s, start));
        }
        MessageDigest sha = HashChain.sha256();
        byte[] out = new byte[sha.getDigestLength()];
        long bytes = 0;
        if (mapped) {
            mmap(c, SCAN_MMAP_BYTES);
        }
        try (PreparedStatement ps = c.prepareStatement(SCAN + p.upTo("session_id") + " ORDER BY session_id, seq")) {
            ps.setFetchSize(1024);
            p.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                String current = null;
                Chain chain = null;
                while (rs.next()) {
                    String sid = rs.getString(1);
                    if (!sid.equals(current)) {
                        current = sid;
                        chain = chains.get(sid);
                    }
                    if (chain == null) {
                        continue; // rows of a session that does not exist: the search index check and integrity_check report them
                    }
                    bytes += chain.take(rs.getInt(2), rs.getBytes(3), rs.getBytes(4), rs.getInt(5), rs.getBytes(6), sha, out);
                }
            }
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("SHA-256 has a 32-byte digest", e);
        } finally {
            if (mapped) {
                mmap(c, 0); // pooled readers go on without the map (a damaged disk is an error there, not a signal)
            }
        }
        return new PartResult(sessions, chains, bytes);
    }

    private static void mmap(Connection c, long bytes) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA mmap_size=" + bytes);
        }
    }

    /** A fork is damaged where an ancestor's chain is damaged within the prefix it shares. */
    private static List<ChainReport> inheritDamage(Map<String, SessionRow> sessions, Map<String, Chain> chains) {
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

    private static String abbrev(String hash) {
        return hash == null ? "nothing" : hash.substring(0, Math.min(12, hash.length()));
    }
}
