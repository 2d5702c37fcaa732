package dev.sessiondesk.ui.chat;

import java.util.List;

/** The app-wide commands a chat window's menu offers; the window coordinator carries them out. */
public interface WindowActions {
    void newWindow();

    void openInNewWindow(String sessionId);

    void closeWindow(ChatWindow window);

    void syncNow(ChatWindow window);

    void quit();

    /** Edit → Search (Ctrl+K): the search box over every conversation. */
    void search(ChatWindow from);

    /** Shows message {@code seq} of a session, {@code words} marked: in the window showing it, else in {@code from}. */
    void openAt(ChatWindow from, String sessionId, int seq, List<String> words);

    /** Opens an address in the system browser; the transcript has already checked it is http, https or mailto. */
    void openLink(String url);

    /** Edit → Preferences…: the assistant's endpoint, model, key and timeouts. */
    void preferences(ChatWindow from);
    /** Lets other features add their items to a new window's menu bar (called once per window). */
    default void addMenus(javafx.scene.control.MenuBar bar, ChatWindow window) {
    }
}
