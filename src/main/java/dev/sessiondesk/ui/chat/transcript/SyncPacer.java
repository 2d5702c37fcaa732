package dev.sessiondesk.ui.chat.transcript;

import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.util.Duration;

/**
 * When the transcript page catches up with its message list: at most one sync per pulse and one per
 * {@link #MIN_SYNC_GAP_MILLIS}, and while only a streaming reply grows one per
 * {@link #STREAM_SYNC_GAP_MILLIS}. A change that needs the shorter gap (a new message, a reply that
 * ended) brings a queued streaming sync forward. FX thread only.
 */
final class SyncPacer {
    static final int MIN_SYNC_GAP_MILLIS = 50;
    /**
     * While only a streaming reply grows: each page update re-lays out and repaints the reply and
     * scrolls the page, which under software rendering costs the render thread a window-sized frame;
     * about 8 updates a second still reads as a steady stream of text.
     */
    static final int STREAM_SYNC_GAP_MILLIS = 120;

    private final Runnable sync;
    private final PauseTransition delay = new PauseTransition();
    private boolean queued;
    private int queuedGap;
    private long lastNanos = System.nanoTime();

    SyncPacer(Runnable sync) {
        this.sync = sync;
        delay.setOnFinished(e -> runNow());
    }

    /** The list changed: sync soon, sooner unless {@code c} only replaced a streaming reply with a longer one. */
    void changed(ListChangeListener.Change<? extends Message> c) {
        schedule(onlyStreamingGrew(c) ? STREAM_SYNC_GAP_MILLIS : MIN_SYNC_GAP_MILLIS);
    }

    /** Syncs now (and forgets a queued sync). */
    void runNow() {
        delay.stop();
        queued = false;
        lastNanos = System.nanoTime();
        sync.run();
    }

    /** The page was just rebuilt from the list. */
    void synced() {
        lastNanos = System.nanoTime();
    }

    private void schedule(int gapMillis) {
        if (queued && gapMillis >= queuedGap) {
            return;
        }
        queued = true;
        queuedGap = gapMillis;
        long sinceMillis = (System.nanoTime() - lastNanos) / 1_000_000;
        if (sinceMillis >= gapMillis) {
            delay.stop();
            Platform.runLater(() -> {
                if (queued) {
                    runNow();
                }
            });
        } else {
            delay.setDuration(Duration.millis(gapMillis - sinceMillis));
            delay.playFromStart();
        }
    }

    /** The change only put a newer version of a streaming reply in place of the older one. */
    static boolean onlyStreamingGrew(ListChangeListener.Change<? extends Message> c) {
        boolean any = false;
        try {
            while (c.next()) {
                if (!c.wasReplaced() || c.getRemovedSize() != 1 || c.getAddedSize() != 1) {
                    return false;
                }
                Message was = c.getRemoved().get(0);
                Message now = c.getAddedSubList().get(0);
                if (was.seq() != now.seq() || was.state() != MessageState.STREAMING || now.state() != MessageState.STREAMING) {
                    return false;
                }
                any = true;
            }
            return any;
        } finally {
            c.reset();
        }
    }
}
