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
    private final Map<String, SettlingWindow> settling = new HashMap<>();
    private static final int UNMAXIMIZE_TRIES = 5;
    private static final javafx.util.Duration UNMAXIMIZE_RECHECK = javafx.util.Duration.millis(250);
    private final Map<String, WindowBinding> restoredMaximized = new HashMap<>();

    /**
     * Puts the stage at {@code wanted}, moved and shrunk as needed to be visible on a screen, and
     * holds it there while the window manager maps it (see {@link SettlingWindow}).
     */
    void place(String windowId, Stage stage, Rectangle2D wanted) {
        Rectangle2D fit = ScreenFit.clamp(wanted, Screen.getScreens().stream().map(Screen::getVisualBounds).toList());
        settling.put(windowId, new SettlingWindow(stage, fit));
        // A window restored maximized was never shown at its normal size, so the window manager does
        // not know it: the first un-maximize puts it back at the recorded normal bounds.
        stage.maximizedProperty().addListener((o, was, now) -> {
            // Kept until the window has stayed un-maximized through putBack: a window manager that
            // un-maximizes and maximizes again while it maps the window must not use it up.
            WindowBinding normal = was && !now ? restoredMaximized.get(windowId) : null;
            if (normal != null) {
                javafx.application.Platform.runLater(() -> putBack(windowId, stage, normal, UNMAXIMIZE_TRIES));
            }
        });
    }

    /**
     * Sets the normal bounds, and again a little later if the window manager's own answer to the
     * un-maximize (the only size it knew for the window: the maximized one) arrived after ours and put
     * the window back at its screen's full size. A size the user chose meanwhile is left alone.
     */
    private void putBack(String windowId, Stage stage, WindowBinding normal, int triesLeft) {
        if (stage.isMaximized() || !stage.isShowing()) {
            return;
        }
        boolean first = triesLeft == UNMAXIMIZE_TRIES;
        boolean off = Math.abs(stage.getWidth() - normal.width()) > 2 || Math.abs(stage.getHeight() - normal.height()) > 2;
        if (off && (first || spansItsScreen(stage))) {
            stage.setX(normal.x());
            stage.setY(normal.y());
            stage.setWidth(normal.width());
            stage.setHeight(normal.height());
        }
        if (triesLeft > 1) {
            javafx.animation.PauseTransition again = new javafx.animation.PauseTransition(UNMAXIMIZE_RECHECK);
            again.setOnFinished(e -> putBack(windowId, stage, normal, triesLeft - 1));
            again.play();
        } else {
            restoredMaximized.remove(windowId, normal); // from now on the window manager knows the normal size
        }
    }

    private static boolean spansItsScreen(Stage stage) {
        return Screen.getScreensForRectangle(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()).stream()
                .map(Screen::getVisualBounds)
                .anyMatch(v -> stage.getWidth() >= v.getWidth() - 4 || stage.getHeight() >= v.getHeight() - 4);
    }

    /** A new window: a step down and right of {@code anchor}, or 960×680 (or what fits) centred on the primary screen. */
    Rectangle2D nextBounds(Optional<ChatWindow> anchor) {
        if (anchor.isEmpty()) {
            return firstBounds(Screen.getPrimary().getVisualBounds());
        }
        Stage s = anchor.get().stage();
        return new Rectangle2D(s.getX() + 32, s.getY() + 32, s.getWidth(), s.getHeight());
    }

    static Rectangle2D firstBounds(Rectangle2D screen) {
        double w = Math.min(DEFAULT_WIDTH, screen.getWidth());
        double h = Math.min(DEFAULT_HEIGHT, screen.getHeight());
        return new Rectangle2D(Math.floor(screen.getMinX() + (screen.getWidth() - w) / 2),
                Math.floor(screen.getMinY() + (screen.getHeight() - h) / 2), w, h);
    }

    /** A restored window's recorded bounds are its normal (un-maximized) ones. */
    void restored(WindowBinding b) {
        lastNormalBounds.put(b.windowId(), b);
        if (b.maximized()) {
            restoredMaximized.put(b.windowId(), b);
        }
    }

    void forget(String windowId) {
        lastNormalBounds.remove(windowId);
        settling.remove(windowId);
        restoredMaximized.remove(windowId);
    }

    /** The binding to record for the window now. */
    WindowBinding bindingOf(ChatWindow w, int zOrder, boolean focused) {
        Stage s = w.stage();
        ChatViewModel vm = w.viewModel();
        WindowBinding normal = lastNormalBounds.get(vm.windowId());
        boolean useNormal = s.isMaximized() && normal != null;
        SettlingWindow placing = settling.get(vm.windowId());
        if (placing != null && !placing.settled() && !useNormal) {
            // Still being mapped: what the stage reports is the window manager's, not the user's.
            Rectangle2D r = placing.wanted();
            return new WindowBinding(vm.windowId(), vm.sessionId(), r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight(),
                    s.isMaximized(), zOrder, focused, vm.fingerprintProperty().get(), true, System.currentTimeMillis());
        }
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
