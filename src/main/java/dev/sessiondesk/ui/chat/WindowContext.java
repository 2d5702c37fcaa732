package dev.sessiondesk.ui.chat;

import java.util.Set;

/** What a chat window's view model needs from the app around it (the window coordinator, or a test). */
public interface WindowContext {

    /** Sessions shown by windows other than {@code windowId}: New Chat never reuses them. */
    Set<String> sessionsShownElsewhere(String windowId);

    /**
     * Asks to show {@code sessionId}: when another window shows it, that window is focused and this
     * returns true; otherwise the caller shows it itself.
     */
    boolean focusWindowShowing(String sessionId, String askingWindowId);

    /** The window's session, fingerprint or composer changed: persist its binding. */
    void bindingChanged(ChatViewModel window);

    /** Sessions were created, renamed, trashed or got messages: refresh session lists. */
    void sessionsChanged();
}
