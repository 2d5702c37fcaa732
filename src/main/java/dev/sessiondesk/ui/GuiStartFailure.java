package dev.sessiondesk.ui;

/**
 * Why JavaFX could not start, as the one line a terminal shows (the stack goes to the log). The
 * common causes on a bare Linux get a line that says what to install or set.
 */
public final class GuiStartFailure {
    public static final String GTK_MISSING = "JavaFX could not start: GTK 3 is missing — install libgtk-3-0";
    public static final String NO_DISPLAY = "JavaFX could not start: there is no display to open (DISPLAY is not set"
            + " or not reachable) — start SessionDesk from a desktop session, or use a command (sessiondesk --help)";

    private GuiStartFailure() {
    }

    /** The line for an error {@code Application.launch} threw. */
    public static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("Unable to load glass GTK library")
                    || (t instanceof UnsatisfiedLinkError && message.toLowerCase(java.util.Locale.ROOT).contains("gtk"))) {
                return GTK_MISSING;
            }
            if (message.contains("Unable to open DISPLAY")) {
                return NO_DISPLAY;
            }
        }
        String message = error.getMessage() == null ? error.getClass().getSimpleName()
                : error.getMessage().lines().findFirst().orElse("");
        return "JavaFX could not start: " + message;
    }
}
