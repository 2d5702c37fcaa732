package dev.sessiondesk.ui.chat;

import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Session;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;

/** The message actions' view of a chat view model, for tests without a window. */
final class TestWindows {
    private TestWindows() {
    }

    static ConversationWindow of(ChatViewModel vm, WindowContext context) {
        return new ConversationWindow() {
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
                vm.reportStatus(kind, text);
            }

            @Override
            public void duplicateFrom(int seq) {
                vm.forkFrom(seq, id -> { });
            }

            @Override
            public void sessionsChanged() {
                context.sessionsChanged();
            }
        };
    }
}
