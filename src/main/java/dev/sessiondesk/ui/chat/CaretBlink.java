package dev.sessiondesk.ui.chat;

import javafx.animation.PauseTransition;
import javafx.event.Event;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.skin.TextInputControlSkin;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.util.Duration;

/**
 * The caret of a text field blinks while the user works in it and holds still (shown, not blinking)
 * after {@link #TIMEOUT} without input, as GTK does ({@code gtk-cursor-blink-timeout}, 10 s).
 * A blinking caret makes its window repaint twice a second for as long as it has the focus, also
 * when the user has walked away; without a window manager (Monocle, kiosk setups) every blink even
 * repaints every window. A key, a click or getting the focus again starts the blinking anew (JavaFX's
 * own text behaviour restarts it; this only stops it).
 */
public final class CaretBlink {
    public static final Duration TIMEOUT = Duration.seconds(10);

    private CaretBlink() {
    }

    /** {@code field}, whose caret stops blinking {@link #TIMEOUT} after its last input or focus gain. */
    public static <T extends TextInputControl> T settling(T field) {
        return settling(field, TIMEOUT);
    }

    static <T extends TextInputControl> T settling(T field, Duration timeout) {
        PauseTransition quiet = new PauseTransition(timeout);
        quiet.setOnFinished(e -> {
            if (field.getSkin() instanceof TextInputControlSkin<?> skin) {
                skin.setCaretAnimating(false); // the caret stays visible, it just no longer blinks
            }
        });
        Runnable restart = () -> {
            if (field.isFocused()) {
                quiet.playFromStart();
            } else {
                quiet.stop(); // not focused: JavaFX has stopped the blinking itself
            }
        };
        field.focusedProperty().addListener((o, was, is) -> restart.run());
        field.addEventFilter(KeyEvent.ANY, (Event e) -> restart.run());
        field.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> restart.run());
        field.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> restart.run());
        return field;
    }
}
