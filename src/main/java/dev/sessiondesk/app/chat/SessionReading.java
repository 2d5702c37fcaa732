package dev.sessiondesk.app.chat;

import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Session;
import java.util.List;
import java.util.Optional;

/** Reading one session for a window: what it is, all its messages, or what came after a point. Blocks on the disk. */
public interface SessionReading {
    Optional<Session> find(String sessionId);

    /** The session; throws {@link dev.sessiondesk.store.StoreException} naming the id when it is not there. */
    Session require(String sessionId);

    /** The session with every message. */
    Conversation open(String sessionId);

    /** Messages from {@code fromSeq} on (a streaming reply included), in order. */
    List<Message> readFrom(String sessionId, int fromSeq);

    /** Messages 1 to {@code beforeSeq} - 1, in order (the older part of a session opened newest first). */
    List<Message> readBefore(String sessionId, int beforeSeq);
}
