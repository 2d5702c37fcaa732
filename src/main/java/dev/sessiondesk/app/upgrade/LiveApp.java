package dev.sessiondesk.app.upgrade;

import dev.sessiondesk.store.AppInstanceStore;
import dev.sessiondesk.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether another SessionDesk is live on a store: its heartbeat is recent and its process exists.
 * Until the single-instance channel can ask it to quit, this is how pre-upgrade and restore refuse to
 * pull the store out from under a running app.
 */
public final class LiveApp {
    /** A heartbeat this recent from a live process means an app still holds the data folder. */
    public static final Duration LIVE_HEARTBEAT = Duration.ofMinutes(2);

    private LiveApp() {
    }

    /** A sentence naming the live app, or empty when none holds the store. */
    public static Optional<String> describe(Store store, Clock clock) {
        Optional<AppInstanceStore.Heartbeat> beat = store.instance().current();
        if (beat.isEmpty()) {
            return Optional.empty();
        }
        AppInstanceStore.Heartbeat h = beat.get();
        boolean fresh = h.isFresh(clock.millis(), LIVE_HEARTBEAT.toMillis());
        boolean alive = h.pid() != ProcessHandle.current().pid()
                && ProcessHandle.of(h.pid()).map(ProcessHandle::isAlive).orElse(false);
        return fresh && alive ? Optional.of("a running SessionDesk (pid " + h.pid() + ", version " + h.appVersion()
                + ") still holds " + store.dataDir() + "; quit it and try again") : Optional.empty();
    }
}
