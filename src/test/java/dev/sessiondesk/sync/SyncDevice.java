package dev.sessiondesk.sync;

import dev.sessiondesk.app.sync.DeviceClock;
import dev.sessiondesk.app.sync.RemoteSync;
import dev.sessiondesk.app.sync.SyncReport;
import dev.sessiondesk.app.sync.SyncSettings;
import dev.sessiondesk.app.tasks.Workers;
import dev.sessiondesk.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** A device in a test: its own data folder (its own SQLite store) syncing with one server URL. */
final class SyncDevice implements AutoCloseable {
    final Path dir;
    final Store store;
    final RemoteSync sync;
    volatile String url;

    SyncDevice(Path dir, String url) {
        this(dir, url, Clock.systemUTC());
    }

    SyncDevice(Path dir, String url, Clock clock) {
        this(dir, url, clock, Workers.logging());
    }

    /** A device whose pull prefetch takes its thread from {@code workers} (as the app's composition root hands in). */
    SyncDevice(Path dir, String url, Workers workers) {
        this(dir, url, Clock.systemUTC(), workers);
    }

    private SyncDevice(Path dir, String url, Clock clock, Workers workers) {
        this.dir = dir;
        this.url = url;
        this.store = Store.open(dir);
        Path config = dir.resolve("config");
        this.sync = new RemoteSync(store, () -> Optional.of(SyncSettings.load(Map.of(SyncSettings.ENV_URL, this.url),
                config, dir).orElseThrow()), new DeviceClock(clock), workers);
    }

    SyncReport syncNow() {
        return sync.syncNow();
    }

    SyncReport syncOk() {
        SyncReport r = sync.syncNow();
        if (!r.ok()) {
            throw new AssertionError("sync failed on " + dir + ": " + r.summaryLine() + " " + r.refused());
        }
        return r;
    }

    @Override
    public void close() {
        sync.close();
        store.close();
    }
}
