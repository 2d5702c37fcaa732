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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every chain of the store in one pass (verify): one scan of {@code messages} in (session, seq)
 * order, the stored content read as the bytes SQLite holds (no text decoding), the canonical bytes
 * fed to SHA-256 piece by piece, and the hashing spread over the cores by session (a session's
 * rows are hashed in order, different sessions in parallel). Each stored row is hashed once: a fork's
 * chain starts from its parent's stored hash at the fork point, and a fork whose parent's prefix is
 * damaged there is reported damaged at the same message.
 */
final class StoreScan {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] OPEN = "{\"content\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CREATED = ",\"created\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ID = ",\"id\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] META = {
            ",\"metadata\":{\"agentVisible\":false,\"userVisible\":false}".getBytes(StandardCharsets.US_ASCII),
            ",\"metadata\":{\"agentVisible\":false,\"userVisible\":true}".getBytes(StandardCharsets.US_ASCII),
            ",\"metadata\":{\"agentVisible\":true,\"userVisible\":false}".getBytes(StandardCharsets.US_ASCII),
            ",\"metadata\":{\"agentVisible\":true,\"userVisible\":true}".getBytes(StandardCharsets.US_ASCII)};
    private static final byte[] ROLE = ",\"role\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "\"}".getBytes(StandardCharsets.US_ASCII);
    /** Rows handed to a hashing task at once, and the bytes in flight before the scan waits. */
    private static final int CHUNK_BYTES = 1 << 20;
    private static final int IN_FLIGHT_BYTES = 64 << 20;

    private record Row(int seq, String messageId, String role, long created, byte[] content, boolean userVisible,
                       boolean agentVisible, boolean streaming, String hash) {
    }

    private record SessionRow(String id, int count, String head, String parent, int base) {
    }

    /** One session's own chain as the rows arrive; touched by one hashing task at a time. */
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

        void take(List<Row> rows, MessageDigest sha, long[] bytes) {
            for (Row r : rows) {
                if (problem != null) {
                    return;
                }
                if (r.seq() != expectedSeq) {
                    fail(r.seq() > expectedSeq ? expectedSeq : r.seq(), r.seq() > expectedSeq
                            ? "message " + expectedSeq + " is missing (the next stored one is " + r.seq() + ")"
                            : "message " + r.seq() + " is stored twice or out of order");
                    return;
                }
                expectedSeq++;
                if (r.streaming()) {
                    if (r.seq() != s.count() + 1) {
                        fail(r.seq(), "a streaming reply is not the last message");
                    }
                    continue;
                }
                sha.update(head);
                bytes[0] += feed(sha, r);
                byte[] next = sha.digest();
                if (r.hash() == null || !HEX.formatHex(next).equals(r.hash())) {
                    fail(r.seq(), "content does not match its hash (changed, reordered or damaged)");
                    return;
                }
                head = next;
                checked++;
            }
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

    /** The canonical bytes of {@link dev.sessiondesk.model.GooseMessages#canonicalBytesOfStored}, fed in pieces. */
    private static long feed(MessageDigest sha, Row r) {
        sha.update(OPEN);
        sha.update(r.content());
        byte[] created = Long.toString(r.created()).getBytes(StandardCharsets.US_ASCII);
        sha.update(CREATED);
        sha.update(created);
        long n = OPEN.length + r.content().length + CREATED.length + created.length;
        if (r.messageId() != null) {
            byte[] id = CanonicalJson.write(com.fasterxml.jackson.databind.node.TextNode.valueOf(r.messageId()))
                    .getBytes(StandardCharsets.UTF_8);
            sha.update(ID);
            sha.update(id);
            n += ID.length + id.length;
        }
        byte[] meta = META[(r.agentVisible() ? 2 : 0) + (r.userVisible() ? 1 : 0)];
        byte[] role = r.role().getBytes(StandardCharsets.US_ASCII);
        sha.update(meta);
        sha.update(ROLE);
        sha.update(role);
        sha.update(CLOSE);
        return n + meta.length + ROLE.length + role.length + CLOSE.length;
    }

    /** Every session's report (in id order) and the canonical bytes hashed, on {@code threads} hashing threads. */
    static StoreReport run(Connection c, String sqliteCheck, int threads) throws SQLException {
        Map<String, SessionRow> sessions = sessions(c);
        Map<String, Chain> chains = new HashMap<>();
        for (SessionRow s : sessions.values()) {
            String start = s.base() == 0 ? Fingerprint.GENESIS : parentHashOrNull(c, s);
            chains.put(s.id(), new Chain(s, start));
        }
        long[][] bytesPerThread = new long[threads][1];
        AtomicInteger nextSlot = new AtomicInteger();
        ThreadLocal<MessageDigest> sha = ThreadLocal.withInitial(HashChain::sha256);
        ThreadLocal<long[]> bytes = ThreadLocal.withInitial(() -> bytesPerThread[nextSlot.getAndIncrement() % threads]);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "verify-hash");
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(IN_FLIGHT_BYTES);
        Map<String, CompletableFuture<Void>> tails = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT session_id, seq, message_id, role, created,"
                + " CAST(content_json AS BLOB), user_visible, agent_visible, state, hash FROM messages"
                + " ORDER BY session_id, seq"); ResultSet rs = ps.executeQuery()) {
            String current = null;
            List<Row> chunk = new ArrayList<>();
            int chunkBytes = 0;
            while (rs.next()) {
                String sid = rs.getString(1);
                if (!sid.equals(current)) {
                    submit(chains.get(current), chunk, chunkBytes, tails, pool, inFlight, sha, bytes);
                    chunk = new ArrayList<>();
                    chunkBytes = 0;
                    current = sid;
                }
                byte[] content = rs.getBytes(6);
                if (content == null) {
                    content = new byte[0];
                }
                chunk.add(new Row(rs.getInt(2), rs.getString(3), rs.getString(4), rs.getLong(5), content,
                        rs.getInt(7) != 0, rs.getInt(8) != 0, "streaming".equals(rs.getString(9)), rs.getString(10)));
                chunkBytes += content.length + 160;
                if (chunkBytes >= CHUNK_BYTES) {
                    submit(chains.get(current), chunk, chunkBytes, tails, pool, inFlight, sha, bytes);
                    chunk = new ArrayList<>();
                    chunkBytes = 0;
                }
            }
            submit(chains.get(current), chunk, chunkBytes, tails, pool, inFlight, sha, bytes);
            CompletableFuture.allOf(tails.values().toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }
        long hashed = 0;
        for (long[] b : bytesPerThread) {
            hashed += b[0];
        }
        return new StoreReport(sqliteCheck, inheritDamage(sessions, chains), hashed);
    }

    private static void submit(Chain chain, List<Row> rows, int rowBytes, Map<String, CompletableFuture<Void>> tails,
                               ExecutorService pool, Semaphore inFlight, ThreadLocal<MessageDigest> sha,
                               ThreadLocal<long[]> bytes) {
        if (rows.isEmpty()) {
            return;
        }
        if (chain == null) {
            return; // rows of a session that does not exist: the search index check and integrity_check report them
        }
        int permits = Math.min(rowBytes, IN_FLIGHT_BYTES);
        inFlight.acquireUninterruptibly(permits);
        CompletableFuture<Void> previous = tails.getOrDefault(chain.s.id(), CompletableFuture.completedFuture(null));
        tails.put(chain.s.id(), previous.thenRunAsync(() -> {
            try {
                chain.take(rows, sha.get(), bytes.get());
            } finally {
                inFlight.release(permits);
            }
        }, pool));
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

    private static Map<String, SessionRow> sessions(Connection c) throws SQLException {
        Map<String, SessionRow> out = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT id, message_count, head_hash, parent_session_id, parent_seq FROM sessions")) {
            while (rs.next()) {
                String parent = rs.getString(4);
                int seq = rs.getInt(5);
                int base = rs.wasNull() ? 0 : Lineage.inherited(parent, seq);
                out.put(rs.getString(1), new SessionRow(rs.getString(1), rs.getInt(2), rs.getString(3),
                        base == 0 ? null : parent, base));
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
