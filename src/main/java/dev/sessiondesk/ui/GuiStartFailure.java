package dev.sessiondesk.ui;

import dev.sessiondesk.ui.i18n.Texts;
import java.util.Locale;

/**
 * Why JavaFX could not start, as the one line a terminal shows (the stack goes to the log). The
 * common causes on a bare Linux get a line that says what to install or set. The lines come from the
 * "app" bundle: reading a ResourceBundle needs no toolkit, so they are in the user's language too.
 */
public final class GuiStartFailure {
    private static final Texts T = Texts.of("app");

    private GuiStartFailure() {
    }

    /** The line for an error {@code Application.launch} threw. */
    public static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("Unable to load glass GTK library")
                    || (t instanceof UnsatisfiedLinkError && message.toLowerCase(Locale.ROOT).contains("gtk"))) {
                return gtkMissing();
            }
            if (message.contains("Unable to open DISPLAY")) {
                return noDisplay();
            }
        }
        String message = error.getMessage() == null ? error.getClass().getSimpleName()
                : error.getMessage().lines().findFirst().orElse("");
        return T.get("start.failed", message);
    }

    /** The line when GTK 3 cannot be loaded. */
    public static String gtkMissing() {
        return T.get("start.gtkMissing");
    }

    /** The line when there is no display to open. */
    public static String noDisplay() {
        return T.get("start.noDisplay");
    }
}
