package dev.sessiondesk.ui.chat;

import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Session;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;

/** The message actions' view of a chat window's conversation (its view model). */
final class ViewModelWindow implements ConversationWindow {
    private final ChatViewModel vm;
    private final WindowContext context;

    ViewModelWindow(ChatViewModel vm, WindowContext context) {
        this.vm = vm;
        this.context = context;
    }

    @Override
    public ReadOnlyStringProperty sessionIdProperty() {
        return vm.sessionIdProperty();
    }

    @Override
    public ObservableList<Message> messages() {
        return vm.messages();
    }

    @Override
    public void show(Session session, List<Message> messages) {
        vm.show(session, messages);
    }

    @Override
    public boolean focusWindowShowing(String sessionId) {
        return context.focusWindowShowing(sessionId, vm.windowId());
    }

    @Override
    public void status(StatusKind kind, String text) {
        vm.status().report(kind, text);
    }

    @Override
    public void duplicateFrom(int seq, Consumer<String> opened) {
        vm.sessionActions().forkFrom(seq, opened);
    }

    @Override
    public void sessionsChanged() {
        vm.sessionsChanged();
    }
}
