package dev.sessiondesk.ui.chat;

import dev.sessiondesk.ui.sidebar.SidebarHost;
import dev.sessiondesk.ui.sidebar.SidebarHosts;
import javafx.stage.Stage;

/** The sidebar's host in a chat window: it opens, renames, pins and archives through the window's view model. */
final class WindowSidebarHost implements SidebarHost {
    private final ChatViewModel vm;
    private final WindowActions actions;
    private final Stage stage;

    WindowSidebarHost(ChatViewModel vm, WindowActions actions, Stage stage) {
        this.vm = vm;
        this.actions = actions;
        this.stage = stage;
    }

    @Override
    public void open(String sessionId, boolean inNewWindow) {
        if (inNewWindow) {
            actions.openInNewWindow(sessionId);
        } else {
            vm.open(sessionId);
        }
    }

    @Override
    public String shownSessionId() {
        return vm.sessionId();
    }

    @Override
    public void status(String text) {
        vm.status().report(StatusKind.INFO, text);
    }

    @Override
    public void trashShown() {
        vm.trash();
    }

    @Override
    public void rename(String sessionId, String title) {
        vm.sessionActions().rename(sessionId, title);
    }

    @Override
    public void setPinned(String sessionId, boolean pinned) {
        vm.sessionActions().setPinned(sessionId, pinned);
    }

    @Override
    public void setArchived(String sessionId, boolean archived) {
        vm.sessionActions().setArchived(sessionId, archived);
    }

    @Override
    public boolean confirm(String title, String header, String text, String goAhead) {
        return SidebarHosts.confirmWithAlert(stage, title, header, text, goAhead);
    }
}
