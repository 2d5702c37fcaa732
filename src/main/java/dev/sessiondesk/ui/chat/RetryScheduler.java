package dev.sessiondesk.ui.chat;

import java.time.Duration;

/** Runs something later on the UI thread (a retry after a locked store or a full disk). Tests run it by hand. */
@FunctionalInterface
public interface RetryScheduler {
    void after(Duration delay, Runnable action);
}
