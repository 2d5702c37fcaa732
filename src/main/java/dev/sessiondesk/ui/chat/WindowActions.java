package dev.sessiondesk.ui.chat;

/** The app-wide commands a chat window's menu offers; the window coordinator carries them out. */
public interface WindowActions {
    void newWindow();

    void openInNewWindow(String sessionId);

    void closeWindow(ChatWindow window);

    void syncNow(ChatWindow window);

    void quit();

    /** Lets other features add their items to a new window's menu bar (called once per window). */
    default void addMenus(javafx.scene.control.MenuBar bar, ChatWindow window) {
    }
}
