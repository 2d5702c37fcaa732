package dev.sessiondesk.ui.sidebar;

/**
 * What the sidebar asks of the window it sits in. Operations on the window's own session go
 * through the window (so Delete gets its Undo); the rest the sidebar does itself.
 */
public interface SidebarHost {
    /** Shows {@code sessionId} in this window, or in a new one. */
    void open(String sessionId, boolean inNewWindow);

    /** The id of the session this window shows, or null. */
    String shownSessionId();

    /** One line in the window's status bar. */
    void status(String text);

    /** Moves the session this window shows to the trash (the window offers Undo). */
    void trashShown();

    void rename(String sessionId, String title);

    void setPinned(String sessionId, boolean pinned);

    void setArchived(String sessionId, boolean archived);

    /** Asks before something that cannot be undone; true to go ahead. */
    boolean confirm(String title, String header, String text, String goAhead);
}
