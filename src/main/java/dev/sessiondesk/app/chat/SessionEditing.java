package dev.sessiondesk.app.chat;

import dev.sessiondesk.model.Session;

/** What a window does to any session by id (its own, or one picked in the sidebar). Blocks on the disk. */
public interface SessionEditing {
    /** A user title, final from then on. */
    Session rename(String sessionId, String title);

    void setPinned(String sessionId, boolean pinned);

    void setArchived(String sessionId, boolean archived);

    void trash(String sessionId);

    void restore(String sessionId);

    /** A new session holding the messages 1..{@code uptoSeq}. */
    Session fork(String sessionId, int uptoSeq);
}
