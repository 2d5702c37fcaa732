package dev.sessiondesk.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.TitleSource;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.store.HashChain;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The seeding fast path: the same rows {@code MessageLog.appendAll} writes (messages with their chain
 * hashes, the search index, the session's count and head), but with the expensive per-message work
 * (canonical JSON, SHA-256 chain, text extraction) done beforehand on the producer's thread and the
 * statements prepared once per transaction. The store writer then only inserts. It runs inside one
 * writer transaction per chunk, and refuses to write unless the session's stored head is the one the
 * chain was computed from, so it can never produce a chain that {@code verify} rejects. A unit test
 * pins that it stores exactly what {@code appendAll} stores.
 */
final class BulkAppender {

    /** A message ready to insert: canonical body, its chain hash and its searchable text. */
    record PreparedMessage(NewMessage body, String hash, String searchText) {
    }

    /** A run of consecutive messages of one session, chained from {@code previousHead}. */
    record PreparedChunk(int firstSeq, String previousHead, List<PreparedMessage> messages) {
        String head() {
            return messages.isEmpty() ? previousHead : messages.get(messages.size() - 1).hash();
        }
    }

    private BulkAppender() {
    }

    /** Canonicalises and chains {@code messages}, continuing a session whose head after seq firstSeq-1 is previousHead. */
    static PreparedChunk prepare(int firstSeq, String previousHead, List<NewMessage> messages) {
        List<PreparedMessage> out = new ArrayList<>(messages.size());
        String head = previousHead;
        for (NewMessage m : messages) {
            NewMessage canonical = canonical(m);
            head = HashChain.next(head, canonical);
            out.add(new PreparedMessage(canonical, head, ContentItems.plainText(canonical.contentJson())));
        }
        return new PreparedChunk(firstSeq, previousHead, out);
    }

    /** A session to create together with its first chunk of messages. */
    record PreparedSession(String id, NewSession spec, PreparedChunk firstChunk) {
    }

    /**
     * Creates several sessions and their first chunks in one committed writer transaction: seeding
     * thousands of small sessions one commit each would measure the disk's fsync, not the store.
     * The session rows are the ones {@code SessionStore.create} makes for the same {@link NewSession}.
     */
    static void createAll(Store store, List<PreparedSession> sessions) {
        store.writer().write("bulk-create " + sessions.size() + " generated sessions", c -> {
            long now = System.currentTimeMillis();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sessions(id, title, title_source, working_dir,"
                    + " created_at, updated_at, last_activity, message_count, head_hash, origin, external_ref)"
                    + " VALUES (?,?,?,?,?,?,?,0,?,?,?)")) {
                for (PreparedSession s : sessions) {
                    NewSession spec = s.spec();
                    boolean titled = spec.title() != null && !spec.title().isBlank();
                    long created = spec.createdAt() == null ? now : spec.createdAt();
                    ps.setString(1, s.id());
                    ps.setString(2, titled ? spec.title().strip() : "");
                    ps.setString(3, titled ? TitleSource.USER.wire() : TitleSource.NONE.wire());
                    ps.setString(4, spec.workingDir());
                    ps.setLong(5, created);
                    ps.setLong(6, created);
                    ps.setLong(7, created);
                    ps.setString(8, Fingerprint.GENESIS);
                    ps.setString(9, spec.origin());
                    ps.setString(10, spec.externalRef());
                    ps.executeUpdate();
                }
            }
            for (PreparedSession s : sessions) {
                if (!s.firstChunk().messages().isEmpty()) {
                    insert(c, s.id(), s.firstChunk(), now);
                }
            }
            return null;
        });
    }

    /** Inserts a prepared chunk in one committed writer transaction. */
    static AppendResult write(Store store, String sessionId, PreparedChunk chunk) {
        return store.writer().write("bulk-save " + chunk.messages().size() + " generated messages to session " + sessionId,
                c -> insert(c, sessionId, chunk, System.currentTimeMillis()));
    }

    private static AppendResult insert(Connection c, String sessionId, PreparedChunk chunk, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT message_count, head_hash FROM sessions WHERE id = ?")) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException(StoreException.Kind.NOT_FOUND, "no session with id " + sessionId);
                }
                if (rs.getInt(1) != chunk.firstSeq() - 1 || !rs.getString(2).equals(chunk.previousHead())) {
                    throw new StoreException(StoreException.Kind.CONFLICT, "session " + sessionId + " has "
                            + rs.getInt(1) + " messages; the chunk was chained after " + (chunk.firstSeq() - 1));
                }
            }
        }
        long rowId;
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(id), 0) FROM messages");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            rowId = rs.getLong(1); // we hold the write lock, so the next ids are ours
        }
        int seq = chunk.firstSeq() - 1;
        try (PreparedStatement msg = c.prepareStatement("INSERT INTO messages(id, session_id, seq, message_id, role,"
                + " created, content_json, user_visible, agent_visible, state, hash, updated_at)"
                + " VALUES (?,?,?,?,?,?,?,?,?,'complete',?,?)");
             PreparedStatement fts = c.prepareStatement("INSERT INTO messages_fts(rowid, body) VALUES (?, ?)")) {
            for (PreparedMessage p : chunk.messages()) {
                NewMessage m = p.body();
                rowId++;
                seq++;
                msg.setLong(1, rowId);
                msg.setString(2, sessionId);
                msg.setInt(3, seq);
                msg.setString(4, m.messageId());
                msg.setString(5, m.role().wire());
                msg.setLong(6, m.created());
                msg.setString(7, m.contentJson());
                msg.setInt(8, m.userVisible() ? 1 : 0);
                msg.setInt(9, m.agentVisible() ? 1 : 0);
                msg.setString(10, p.hash());
                msg.setLong(11, now);
                msg.executeUpdate();
                if (!p.searchText().isEmpty()) {
                    fts.setLong(1, rowId);
                    fts.setString(2, p.searchText());
                    fts.executeUpdate();
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET message_count = ?, head_hash = ?,"
                + " updated_at = ?, last_activity = ? WHERE id = ?")) {
            ps.setInt(1, seq);
            ps.setString(2, chunk.head());
            ps.setLong(3, now);
            ps.setLong(4, now);
            ps.setString(5, sessionId);
            ps.executeUpdate();
        }
        return new AppendResult(sessionId, seq, chunk.head());
    }

    private static NewMessage canonical(NewMessage m) {
        try {
            return new NewMessage(m.messageId(), m.role(), m.created(), CanonicalJson.canonicalize(m.contentJson()),
                    m.userVisible(), m.agentVisible());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("generated content is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
