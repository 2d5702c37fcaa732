package dev.sessiondesk.store;

import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Session;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Messages the user hid from a session's view (and from what its assistant is sent). The message
 * rows are never changed or deleted: their visibility flags are hashed into the chain (P6), so a hide
 * is a row of its own, keyed by the session it was hidden in and the seq as that session shows it,
 * and {@link #apply} gives the flags a reader should use. Undo flips the same row back.
 */
public final class HiddenMessages {
    private final Store store;

    HiddenMessages(Store store) {
        this.store = store;
    }

    /** Hides (or shows again) message {@code seq} of the session; it must be a finished message. */
    public void setHidden(String sessionId, int seq, boolean hidden) {
        store.writer().write((hidden ? "hide" : "show") + " message " + seq + " of session " + sessionId, c -> {
            Session s = SessionStore.get(c, sessionId).orElseThrow(() -> SessionStore.notFound(sessionId));
            if (seq < 1 || seq > s.messageCount()) {
                throw new StoreException(StoreException.Kind.CONFLICT, "cannot " + (hidden ? "hide" : "show")
                        + " message " + seq + " of session " + sessionId + ": it has " + s.messageCount()
                        + " finished messages (a reply must end before it can be hidden)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO hidden_messages(session_id, seq, hidden, changed_at)"
                    + " VALUES (?,?,?,?) ON CONFLICT(session_id, seq) DO UPDATE SET hidden = excluded.hidden,"
                    + " changed_at = excluded.changed_at")) {
                ps.setString(1, sessionId);
                ps.setInt(2, seq);
                ps.setInt(3, hidden ? 1 : 0);
                ps.setLong(4, System.currentTimeMillis());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The seqs hidden in the session now. */
    public Set<Integer> hiddenSeqs(String sessionId) {
        return store.reader().read("read the hidden messages of session " + sessionId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq FROM hidden_messages WHERE session_id = ? AND hidden = 1")) {
                ps.setString(1, sessionId);
                Set<Integer> out = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getInt(1));
                    }
                }
                return out;
            }
        });
    }

    /** The messages as a reader should see them: hidden ones visible neither to the user nor the agent. */
    public List<Message> apply(String sessionId, List<Message> messages) {
        if (messages.isEmpty()) {
            return messages;
        }
        Set<Integer> hidden = hiddenSeqs(sessionId);
        if (hidden.isEmpty()) {
            return messages;
        }
        List<Message> out = new ArrayList<>(messages.size());
        for (Message m : messages) {
            out.add(hidden.contains(m.seq()) && m.state() != MessageState.STREAMING ? asHidden(m) : m);
        }
        return out;
    }

    /** The same stored message with the flags a hide gives it (its hash stays the stored one). */
    public static Message asHidden(Message m) {
        return new Message(m.rowId(), m.sessionId(), m.seq(), m.messageId(), m.role(), m.created(), m.contentJson(),
                false, false, m.state(), m.hash());
    }
}
