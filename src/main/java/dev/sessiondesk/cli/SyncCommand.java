package dev.sessiondesk.cli;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.sync.DeviceClock;
import dev.sessiondesk.app.sync.LiveSync;
import dev.sessiondesk.app.sync.RemoteSync;
import dev.sessiondesk.app.sync.SyncReport;
import dev.sessiondesk.app.sync.SyncSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sync", description = {
        "Sync with the PostgreSQL server in SESSIONDESK_SYNC_URL (or Preferences → Sync): push what this",
        "device has not sent yet, then pull what other devices sent; one summary line.",
        "Exit 0 done, 1 when a pulled message was refused (its hash did not match), 2 when the server",
        "cannot be reached or refuses the login (one line on standard error).",
        "--watch stays and syncs live (LISTEN/NOTIFY), a line per change applied, until stopped."})
final class SyncCommand extends StoreCommand implements Callable<Integer> {

    @Option(names = "--watch", description = "Stay and sync live until stopped (Ctrl+C).")
    boolean watch;

    /** Counted down once the store is closed: a stop signal's hook waits for it, so --watch ends cleanly. */
    private final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        try {
            return run();
        } finally {
            closed.countDown();
        }
    }

    private Integer run() throws InterruptedException {
        try (SessionDesk desk = root.openWritable()) {
            var locations = root.locations();
            RemoteSync sync = new RemoteSync(desk.store(), SyncSettings.live(locations.environment(),
                    locations.configDir(), Path.of(System.getProperty("user.home"))), DeviceClock.system(), desk.workers());
            try {
                if (!sync.configured()) {
                    throw new CliFailure("sync is not set up: set " + SyncSettings.ENV_URL
                            + " (e.g. postgresql://user@host:5432/db?sslmode=verify-full) or choose a server in Preferences → Sync");
                }
                return watch ? watch(sync, desk.workers().threads("live-sync", true), desk.workers().threads("sync-watch-stop", false))
                        : once(sync);
            } finally {
                sync.close();
            }
        }
    }

    private int once(RemoteSync sync) {
        ConsoleProgress progress = ConsoleProgress.onTerminal(err());
        SyncReport r;
        try {
            r = sync.syncNow((done, total) -> progress.update(total == 0 ? 1 : (double) done / total,
                    "pulled " + done + " of " + total + " messages"));
        } finally {
            progress.done();
        }
        if (r.failure() != null) {
            err().println("sessiondesk: " + r.failure());
            err().flush();
            return SessionDeskCommand.EXIT_ERROR;
        }
        out().println(r.summaryLine());
        out().flush();
        return r.refused().isEmpty() ? SessionDeskCommand.EXIT_OK : SessionDeskCommand.EXIT_MISMATCH;
    }

    private int watch(RemoteSync sync, java.util.concurrent.ThreadFactory threads, java.util.concurrent.ThreadFactory hooks)
            throws InterruptedException {
        PrintWriter out = out();
        sync.onChanges(new RemoteSync.Changes() {
            @Override
            public void line(String text) {
                synchronized (out) {
                    out.println(text);
                    out.flush();
                }
            }

            @Override
            public void sessionsChanged(Set<String> sessionIds) {
            }
        });
        SyncReport first = sync.syncNow();
        if (first.failure() != null) {
            err().println("sessiondesk: " + first.failure());
            err().flush();
            return SessionDeskCommand.EXIT_ERROR;
        }
        out.println(first.summaryLine() + "; watching for changes (Ctrl+C stops)");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        boolean[] wasOffline = {false};
        try (LiveSync live = new LiveSync(sync, Duration.ofSeconds(30), r -> {
            if (r.failure() != null && !wasOffline[0]) {
                wasOffline[0] = true;
                synchronized (out) {
                    out.println("offline: " + r.failure() + " (" + r.waiting() + " messages waiting; retrying)");
                    out.flush();
                }
            } else if (r.failure() == null && wasOffline[0]) {
                wasOffline[0] = false;
                synchronized (out) {
                    out.println("back online: " + r.summaryLine());
                    out.flush();
                }
            } else if (r.failure() == null && r.pushed() > 0) {
                synchronized (out) {
                    out.println("pushed " + r.pushed());
                    out.flush();
                }
            }
        }, threads)) {
            Runtime.getRuntime().addShutdownHook(hooks.newThread(() -> {
                stopped.countDown();
                try {
                    closed.await(10, TimeUnit.SECONDS); // let live sync stop and the store close before the JVM goes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            live.start();
            stopped.await();
        }
        synchronized (out) {
            out.println("stopped");
            out.flush();
        }
        return SessionDeskCommand.EXIT_OK;
    }
}
