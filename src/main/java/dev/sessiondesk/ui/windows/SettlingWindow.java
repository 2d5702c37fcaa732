package dev.sessiondesk.ui.windows;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A window on its way onto the desktop. Under a window manager the first configure events of a
 * new GTK window report its minimum size (418×295 for a chat window), not the size it was given;
 * recording those would lose the user's size at every start, and the size set before the window
 * was mapped is lost too. So once the window is shown, the minimum size reported instead of the
 * wanted one is answered by asking for the wanted one again (a few times at most, so a window
 * manager that insists wins), and the geometry to record stays the wanted one until the size has
 * been quiet for {@link #QUIET} (at most {@link #PATIENCE} after showing). Any other size is the
 * user's (a resize right after the window appeared) and ends the wait at once.
 */
final class SettlingWindow {
    private static final Logger LOG = LoggerFactory.getLogger(SettlingWindow.class);
    static final Duration QUIET = Duration.seconds(3);
    static final Duration PATIENCE = Duration.seconds(10);
    private static final double TOLERANCE = 2;
    private static final int MAX_REQUESTS = 8;
    private static final long JUST_MAPPED_NANOS = 3_000_000_000L;

    private final Stage stage;
    private final Rectangle2D wanted;
    private final PauseTransition quiet = new PauseTransition(QUIET);
    private final PauseTransition deadline = new PauseTransition(PATIENCE);
    private boolean shown;
    private boolean settled;
    private int requests;
    private long shownAt;

    SettlingWindow(Stage stage, Rectangle2D wanted) {
        this.stage = stage;
        this.wanted = wanted;
        apply();
        if ("Monocle".equalsIgnoreCase(System.getProperty("glass.platform"))) {
            settled = true; // no window manager there: the size set is the size shown
            return;
        }
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> {
            shown = true;
            shownAt = System.nanoTime();
            quiet.setOnFinished(done -> settle());
            deadline.setOnFinished(done -> settle());
            quiet.playFromStart();
            deadline.playFromStart();
            Platform.runLater(this::insist); // once mapped, the window manager has answered with its own configure
        });
        stage.widthProperty().addListener((o, a, b) -> changed());
        stage.heightProperty().addListener((o, a, b) -> changed());
    }

    private void changed() {
        if (!shown || settled) {
            return;
        }
        boolean justMapped = System.nanoTime() - shownAt < JUST_MAPPED_NANOS; // too soon for a person's resize
        if (matches() || atMinimum() || justMapped) {
            quiet.playFromStart();
            Platform.runLater(this::insist);
        } else if (!stage.isMaximized()) {
            settle(); // neither the wanted size nor the minimum: the user (or the window manager's rule) chose it
        }
    }

    /** The symptom: the window manager's first configure reports the stage's minimum size. */
    private boolean atMinimum() {
        return stage.getWidth() <= stage.getMinWidth() + TOLERANCE && stage.getHeight() <= stage.getMinHeight() + TOLERANCE;
    }

    private void insist() {
        if (shown && !settled && !stage.isMaximized() && !matches() && requests < MAX_REQUESTS) {
            requests++;
            apply();
        }
    }

    private void settle() {
        if (settled) {
            return;
        }
        settled = true;
        quiet.stop();
        deadline.stop();
        if (!matches() && !stage.isMaximized()) {
            LOG.info("the window manager keeps the window at {}x{}+{}+{} (wanted {}x{}+{}+{})", stage.getWidth(),
                    stage.getHeight(), stage.getX(), stage.getY(), wanted.getWidth(), wanted.getHeight(),
                    wanted.getMinX(), wanted.getMinY());
        }
    }

    private void apply() {
        stage.setX(wanted.getMinX());
        stage.setY(wanted.getMinY());
        stage.setWidth(wanted.getWidth());
        stage.setHeight(wanted.getHeight());
    }

    private boolean matches() {
        return Math.abs(stage.getWidth() - wanted.getWidth()) <= TOLERANCE
                && Math.abs(stage.getHeight() - wanted.getHeight()) <= TOLERANCE;
    }

    /** Whether the stage's own geometry is now the user's (and may be recorded). */
    boolean settled() {
        return settled;
    }

    Rectangle2D wanted() {
        return wanted;
    }
}
