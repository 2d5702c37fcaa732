package dev.sessiondesk.ui.windows;

import dev.sessiondesk.ui.chat.ChatWindow;
import dev.sessiondesk.ui.i18n.Texts;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.stage.Stage;

/**
 * A reply that finishes while its window is in the background marks that window: "• " before its
 * title (what a taskbar or window list shows) until the window gets the focus. The focus itself is
 * never taken: the user decides when to look.
 */
final class ReplyAttention {
    private static final Texts T = Texts.of("window");
    private final BooleanProperty wanted = new SimpleBooleanProperty();

    private ReplyAttention(Stage stage, ObservableValue<Boolean> replying, ObservableValue<String> title) {
        replying.addListener((o, was, now) -> {
            if (Boolean.TRUE.equals(was) && !Boolean.TRUE.equals(now) && !stage.isFocused()) {
                wanted.set(true);
            }
        });
        stage.focusedProperty().addListener((o, was, now) -> {
            if (now) {
                wanted.set(false);
            }
        });
        stage.titleProperty().unbind();
        stage.titleProperty().bind(Bindings.createStringBinding(
                () -> T.get(wanted.get() ? "title.attention" : "title", title.getValue()), wanted, title));
    }

    /** Marks {@code w}'s title when a reply finishes in the background; returns the mark's state. */
    static BooleanProperty follow(ChatWindow w) {
        return follow(w.stage(), w.viewModel().replyBar().replyingProperty(), w.viewModel().titleProperty());
    }

    static BooleanProperty follow(Stage stage, ObservableValue<Boolean> replying, ObservableValue<String> title) {
        return new ReplyAttention(stage, replying, title).wanted;
    }
}
