package dev.sessiondesk.ui;

import dev.sessiondesk.app.windows.SaveListener;
import dev.sessiondesk.ui.windows.WindowCoordinator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * Tells the windows when a background save (draft, layout) fails, and once when saving works again,
 * so the status bar never claims "saved" while text is only in memory.
 */
final class SaveFailureRelay implements SaveListener {
    private final Supplier<WindowCoordinator> windows;
    private final AtomicBoolean failing = new AtomicBoolean();

    SaveFailureRelay(Supplier<WindowCoordinator> windows) {
        this.windows = windows;
    }

    @Override
    public void failed(String windowId, RuntimeException error) {
        failing.set(true);
        Platform.runLater(() -> {
            WindowCoordinator w = windows.get();
            if (w != null) {
                w.backgroundSaveFailed(error);
            }
        });
    }

    @Override
    public void saved(String windowId) {
        if (failing.compareAndSet(true, false)) {
            Platform.runLater(() -> {
                WindowCoordinator w = windows.get();
                if (w != null) {
                    w.backgroundSaveRecovered();
                }
            });
        }
    }
}
