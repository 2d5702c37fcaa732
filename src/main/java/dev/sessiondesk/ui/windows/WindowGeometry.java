package dev.sessiondesk.ui.windows;

import dev.sessiondesk.model.WindowBinding;
import dev.sessiondesk.ui.chat.ChatViewModel;
import dev.sessiondesk.ui.chat.ChatWindow;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Where windows go and what of their geometry is recorded: a wanted place is fitted onto the screens
 * there are now, a new window cascades from the one it was opened from, and a maximized window
 * records the size it had before, so un-maximizing after a restart works. FX thread only.
 */
final class WindowGeometry {
    private static final double DEFAULT_WIDTH = 960;
    private static final double DEFAULT_HEIGHT = 680;

    private final Map<String, WindowBinding> lastNormalBounds = new HashMap<>();

    /** Puts the stage at {@code wanted}, moved and shrunk as needed to be visible on a screen. */
    void place(Stage stage, Rectangle2D wanted) {
        Rectangle2D fit = ScreenFit.clamp(wanted, Screen.getScreens().stream().map(Screen::getVisualBounds).toList());
        stage.setX(fit.getMinX());
        stage.setY(fit.getMinY());
        stage.setWidth(fit.getWidth());
        stage.setHeight(fit.getHeight());
    }

    /** A new window: a step down and right of {@code anchor}, or near the primary screen's corner. */
    Rectangle2D nextBounds(Optional<ChatWindow> anchor) {
        if (anchor.isEmpty()) {
            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
            return new Rectangle2D(screen.getMinX() + 40, screen.getMinY() + 40, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        }
        Stage s = anchor.get().stage();
        return new Rectangle2D(s.getX() + 32, s.getY() + 32, s.getWidth(), s.getHeight());
    }

    /** A restored window's recorded bounds are its normal (un-maximized) ones. */
    void restored(WindowBinding b) {
        lastNormalBounds.put(b.windowId(), b);
    }

    void forget(String windowId) {
        lastNormalBounds.remove(windowId);
    }

    /** The binding to record for the window now. */
    WindowBinding bindingOf(ChatWindow w, int zOrder, boolean focused) {
        Stage s = w.stage();
        ChatViewModel vm = w.viewModel();
        WindowBinding normal = lastNormalBounds.get(vm.windowId());
        boolean useNormal = s.isMaximized() && normal != null;
        WindowBinding b = new WindowBinding(vm.windowId(), vm.sessionId(),
                useNormal ? normal.x() : s.getX(), useNormal ? normal.y() : s.getY(),
                useNormal ? normal.width() : s.getWidth(), useNormal ? normal.height() : s.getHeight(),
                s.isMaximized(), zOrder, focused, vm.fingerprintProperty().get(), true, System.currentTimeMillis());
        if (!s.isMaximized()) {
            lastNormalBounds.put(vm.windowId(), b);
        }
        return b;
    }
}
