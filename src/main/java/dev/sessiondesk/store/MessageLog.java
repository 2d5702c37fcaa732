package dev.sessiondesk.store;

import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.TitleSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The messages of every session, append-only. Each append is its own committed transaction that
 * also moves the session's message count, head hash and activity times, and indexes the text for
 * search; nothing is ever saved by deleting and re-inserting a conversation.
 *
 * <p>Invariant per session: messages 1..message_count are finished and hashed; at most one more
 * message (seq = message_count + 1) may be streaming. Anything appended while a reply is still
 * streaming first ends that reply as interrupted, so the chain stays in seq order.
 */
public final class MessageLog {
    private final Store store;

    MessageLog(Store store) {
        this.store = store;
    }

    /** Commits one message; returns after the commit with its seq and the new head hash. */
    public AppendResult append(String sessionId, NewMessage message) {
        NewMessage canonical = CanonicalMessages.canonical(message);
        StreamHandOff.letOwnerFinish(store, sessionId);
        return store.writer().write("save a message to session " + sessionId,
                c -> ChainWrites.append(c, sessionId, List.of(canonical), System.currentTimeMillis()).get(0));
    }

    /** Commits several messages to one session in one transaction: all of them or none (imports). */
    public List<AppendResult> appendAll(String sessionId, List<NewMessage> messages) {
        List<NewMessage> canonical = messages.stream().map(CanonicalMessages::canonical).toList();
        return store.writer().write("save " + messages.size() + " messages to session " + sessionId,
                c -> ChainWrites.append(c, sessionId, canonical, System.currentTimeMillis()));
    }

    /** {@link #appendAll} inside a caller's write transaction (imports combine it with other steps). */
    public List<AppendResult> appendAllIn(Connection c, String sessionId, List<NewMessage> messages, long now)
            throws SQLException {
        return ChainWrites.append(c, sessionId, messages.stream().map(CanonicalMessages::canonical).toList(), now);
    }

    /**
     * Starts a reply that will stream: the row exists from the first token on (state streaming), so a
     * crash mid-reply leaves the partial text in the store.
     */
    public StreamingMessage beginStreaming(String sessionId, NewMessage initial) {
        NewMessage m = CanonicalMessages.canonical(initial);
        return store.writer().write("start a streaming reply in session " + sessionId,
                c -> ChainWrites.beginStream(c, sessionId, m, store.streamOwner(), System.currentTimeMillis()));
    }

    /** Saves the reply's content so far. Returns false when the reply is no longer streaming. */
    public boolean checkpoint(StreamingMessage stream, String contentJson) {
        return save(stream, contentJson) != StreamStatus.ENDED;
    }

    /**
     * Saves the reply's content so far ({@code contentJson} null: only "still here", a heartbeat) and
     * says whether it still streams, or another process asked its owner to end it now.
     */
    public StreamStatus save(StreamingMessage stream, String contentJson) {
        String content = contentJson == null ? null : CanonicalMessages.content(contentJson);
        return store.writer().write("save the streaming reply in session " + stream.sessionId(), c -> {
            long now = System.currentTimeMillis();
            try (PreparedStatement ps = c.prepareStatement(content == null
                    ? "UPDATE messages SET updated_at = ? WHERE id = ? AND state = 'streaming'"
                    : "UPDATE messages SET updated_at = ?, content_json = ? WHERE id = ? AND state = 'streaming'")) {
                ps.setLong(1, now);
                if (content == null) {
                    ps.setLong(2, stream.rowId());
                } else {
                    ps.setString(2, content);
                    ps.setLong(3, stream.rowId());
                }
                if (ps.executeUpdate() != 1) {
                    return StreamStatus.ENDED;
                }
            }
            return StreamOwners.touch(c, stream.rowId(), now) ? StreamStatus.STOP_REQUESTED : StreamStatus.STREAMING;
        });
    }

    /**
     * Ends a streaming reply with its final content and state (complete, stopped or interrupted): it
     * joins the hash chain now. Fails with CONFLICT when something else already ended it.
     */
    public AppendResult finishStreaming(StreamingMessage stream, String contentJson, MessageState end) {
        if (!end.isFinal()) {
            throw new IllegalArgumentException("a reply must end as complete, stopped or interrupted");
        }
        String content = CanonicalMessages.content(contentJson);
        return store.writer().write("finish the streaming reply in session " + stream.sessionId(), c -> {
            long now = System.currentTimeMillis();
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE messages SET content_json = ? WHERE id = ? AND state = 'streaming'")) {
                ps.setString(1, content);
                ps.setLong(2, stream.rowId());
                if (ps.executeUpdate() != 1) {
                    throw new StoreException(StoreException.Kind.CONFLICT, "the reply in session " + stream.sessionId()
                            + " (message " + stream.seq() + ") was already ended by another writer");
                }
            }
            Session s = SessionStore.get(c, stream.sessionId()).orElseThrow(() -> SessionStore.notFound(stream.sessionId()));
            ChainWrites.endOpenStream(c, s, end, now);
            Session after = SessionStore.get(c, stream.sessionId()).orElseThrow();
            return new AppendResult(after.id(), after.messageCount(), after.headHash());
        });
    }

    /** Whether any reply is stored as streaming (a cheap read before {@link #interruptAbandonedStreams}). */
    public boolean anyStreaming() {
        return store.reader().read("look for streaming replies", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM messages WHERE state = 'streaming' LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    /**
     * Ends every reply left streaming (by a process that crashed) as interrupted, hashing what was
     * saved. Called at start by the one app that owns the data folder. Returns how many it ended.
     */
    public int interruptAbandonedStreams() {
        return interruptAbandonedStreams(java.util.Set.of());
    }

    /**
     * Ends, as interrupted, every streaming reply that no live writer owns: its owner process is gone
     * (or silent for a minute), no owner was recorded, or it is this process's and not among
     * {@code ownRowsStillWriting} (the replies this process is really streaming). Replies another live
     * process streams are left to it.
     */
    public int interruptAbandonedStreams(java.util.Set<Long> ownRowsStillWriting) {
        return store.writer().write("mark abandoned replies as interrupted", c -> {
            List<String> sessions = new ArrayList<>();
            long now = System.currentTimeMillis();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, session_id FROM messages WHERE state = 'streaming'");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long row = rs.getLong(1);
                    var owner = StreamOwners.get(c, row);
                    boolean abandoned = owner.isEmpty() || owner.get().isAbandoned(now)
                            || (owner.get().owner().isThisProcess() && !ownRowsStillWriting.contains(row));
                    if (abandoned) {
                        sessions.add(rs.getString(2));
                    }
                }
            }
            for (String id : sessions) {
                ChainWrites.endOpenStream(c, SessionStore.get(c, id).orElseThrow(), MessageState.INTERRUPTED, now);
            }
            return sessions.size();
        });
    }

    public List<Message> list(String sessionId) {
        return list(sessionId, 1, Integer.MAX_VALUE);
    }

    /**
     * Up to {@code limit} messages of the session's logical conversation from seq {@code fromSeq} on, in
     * order. For a fork, messages 1..parent_seq are its parent's rows (their {@code sessionId} and
     * {@code rowId} say where they are stored); see {@link Lineage}.
     */
    public List<Message> list(String sessionId, int fromSeq, int limit) {
        return store.reader().read("read messages of session " + sessionId, c -> StreamOwners.present(c, Lineage.list(c, sessionId, fromSeq, limit)));
    }

    /** The last {@code limit} messages of the logical conversation (what a window shows first), in order. */
    public List<Message> tail(String sessionId, int limit) {
        return store.reader().read("read the latest messages of session " + sessionId, c -> {
            Session s = SessionStore.get(c, sessionId).orElse(null);
            if (s == null || limit <= 0) {
                return List.<Message>of();
            }
            // Finished messages are 1..count; one more may be streaming.
            List<Message> window = Lineage.list(c, sessionId, Math.max(1, s.messageCount() + 1 - limit), limit + 1);
            window = StreamOwners.present(c, window);
            return window.size() <= limit ? window : window.subList(window.size() - limit, window.size());
        });
    }

    /** Only the rows this session stores itself (for a fork: from parent_seq + 1 on), in order. */
    public List<Message> listOwn(String sessionId) {
        return store.reader().read("read the stored messages of session " + sessionId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.MESSAGE_COLUMNS
                    + " FROM messages WHERE session_id = ? ORDER BY seq")) {
                ps.setString(1, sessionId);
                List<Message> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(Rows.message(rs));
                    }
                }
                return StreamOwners.present(c, out);
            }
        });
    }

    /** The stored hash of logical message {@code seq} of a session (genesis for 0), if it is finished. */
    public Optional<String> hashAt(String sessionId, int seq) {
        return store.reader().read("read the hash of message " + seq + " of session " + sessionId,
                c -> Optional.ofNullable(Lineage.hashAt(c, sessionId, seq)));
    }

    /**
     * For each session id → seq, the stored hash of that logical message, in one read snapshot; a
     * session that no longer exists is left out, one whose message is missing maps to null.
     */
    public Map<String, String> hashesAt(Map<String, Integer> seqBySession) {
        return store.reader().read("read the hashes of " + seqBySession.size() + " sessions", c -> {
            Map<String, String> out = new HashMap<>();
            for (var e : seqBySession.entrySet()) {
                if (SessionStore.get(c, e.getKey()).isPresent()) {
                    out.put(e.getKey(), Lineage.hashAt(c, e.getKey(), e.getValue()));
                }
            }
            return out;
        });
    }

    /** {@link #hashAt} on a caller's connection (inside its transaction); null when missing. */
    public String hashAtIn(Connection c, String sessionId, int seq) throws SQLException {
        return Lineage.hashAt(c, sessionId, seq);
    }

    public Optional<Message> get(String sessionId, int seq) {
        List<Message> one = list(sessionId, seq, 1);
        return one.isEmpty() || one.get(0).seq() != seq ? Optional.empty() : Optional.of(one.get(0));
    }

    /** How many message rows the store holds (a fork's shared prefix is stored once, under its parent). */
    public long countAll() {
        return store.reader().read("count messages", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM messages"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * A new session whose conversation begins with messages 1..{@code uptoSeq} of {@code sessionId},
     * linked to it as its parent. Those messages are not copied: the fork stores only what is appended
     * to it later (seq uptoSeq+1 on), and its chain continues the parent's hash at {@code uptoSeq}.
     * The parent is not touched.
     */
    public Session fork(String sessionId, int uptoSeq) {
        return store.writer().write("fork session " + sessionId, c -> {
            Session parent = SessionStore.get(c, sessionId).orElseThrow(() -> SessionStore.notFound(sessionId));
            // uptoSeq 0 is a branch before the first message (editing it): it shares nothing yet.
            if (uptoSeq < 0 || uptoSeq > parent.messageCount()) {
                throw new StoreException(StoreException.Kind.CONFLICT, "cannot fork session " + sessionId
                        + " at message " + uptoSeq + ": it has " + parent.messageCount() + " finished messages");
            }
            long now = System.currentTimeMillis();
            Session child = Forks.insertFork(c, store.sessions(), new NewSession(null, parent.workingDir(), null, null, now),
                    sessionId, uptoSeq);
            try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET title = ?, title_source = ? WHERE id = ?")) {
                ps.setString(1, parent.displayTitle() + " (fork)");
                ps.setString(2, TitleSource.AUTO.wire());
                ps.setString(3, child.id());
                ps.executeUpdate();
            }
            return SessionStore.get(c, child.id()).orElseThrow();
        });
    }

    /**
     * A new session (inside the caller's write transaction) that refers to messages 1..{@code parentSeq}
     * of {@code parentId} instead of copying them (imported branches); 0 shares nothing.
     */
    public Session insertForkIn(Connection c, NewSession spec, String parentId, int parentSeq) throws SQLException {
        return Forks.insertFork(c, store.sessions(), spec, parentId, parentSeq);
    }
}
