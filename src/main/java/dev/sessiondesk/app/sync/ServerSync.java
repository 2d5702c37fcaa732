package dev.sessiondesk.app.sync;

import dev.sessiondesk.app.tasks.Workers;
import dev.sessiondesk.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Sync with the server for one open store, as the GUI runs it: Sync Now's server step, live sync
 * while the app runs (when a server is set up), and what the status bar should say. Pulled changes
 * are announced per session so windows show them at once. Part of the open-store unit: a restore
 * closes it with the store and the new unit starts its own.
 */
public final class ServerSync implements AutoCloseable {
    public static final Duration FALLBACK_PULL = Duration.ofSeconds(30);

    private final Store store;
    private final RemoteSync remote;
    private final RemoteSyncStep step;
    private volatile Consumer<SyncReport> reports = r -> { };
    private LiveSync live;
    private final ThreadFactory threads;

    public ServerSync(Store store, SyncService sync, Consumer<String> sessionChanged,
                      Map<String, String> env, Path configDir, Path home, Workers workers) {
        this.store = store;
        this.threads = workers.threads("live-sync", true);
        this.remote = new RemoteSync(store, SyncSettings.live(env, configDir, home), DeviceClock.system(), workers);
        this.step = new RemoteSyncStep(remote);
        sync.addStep(step);
        remote.onChanges(new RemoteSync.Changes() {
            @Override
            public void sessionsChanged(Set<String> sessionIds) {
                sessionIds.forEach(sessionChanged);
            }
        });
    }

    /** Where live sync's outcomes go (the windows' status bars). */
    public void onReport(Consumer<SyncReport> listener) {
        this.reports = listener == null ? r -> { } : listener;
    }

    /** How each pull comes along (a new device's first sync takes minutes: the windows show a bar). */
    public void onProgress(RemoteSync.Progress listener) {
        remote.onProgress(listener);
    }

    public boolean configured() {
        try {
            return remote.configured();
        } catch (IllegalArgumentException e) {
            return false; // a bad URL: the next exchange reports it
        }
    }

    /** Starts live sync when a server is set up and the store can be written. Call off the UI thread. */
    public synchronized void start() {
        if (live != null || store.isReadOnly() || !configured()) {
            return;
        }
        live = new LiveSync(remote, FALLBACK_PULL, r -> {
            step.remember(r);
            reports.accept(r);
        }, threads);
        live.start();
    }

    /** New settings were saved: live sync starts over with them. */
    public synchronized void restart() {
        stopLive();
        remote.close();
        start();
    }

    /** The last exchange (Sync Now's or live sync's), for the status bar. */
    public Optional<SyncReport> lastReport() {
        return step.lastReport();
    }

    public RemoteSync remote() {
        return remote;
    }

    private void stopLive() {
        if (live != null) {
            live.close();
            live = null;
        }
    }

    @Override
    public synchronized void close() {
        stopLive();
        remote.close();
    }
}
