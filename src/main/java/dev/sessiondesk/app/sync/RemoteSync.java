package dev.sessiondesk.app.sync;

import dev.sessiondesk.app.tasks.Workers;
import dev.sessiondesk.app.text.StoreWords;
import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.app.text.Wording;
import dev.sessiondesk.model.sync.SyncedMessage;
import dev.sessiondesk.model.sync.SyncedSession;
import dev.sessiondesk.store.AppVersion;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreException;
import dev.sessiondesk.store.remote.RemoteEndpoint;
import dev.sessiondesk.store.remote.RemoteException;
import dev.sessiondesk.store.remote.RemoteListener;
import dev.sessiondesk.store.remote.RemoteServer;
import dev.sessiondesk.store.sync.PulledChanges;
import dev.sessiondesk.store.sync.SyncLedger;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sync with the PostgreSQL server: push the outbox, then pull by change number, then push again if
 * the pull made branches (so the branch reaches every device in the same Sync Now). One exchange at a
 * time per device (Sync Now, the CLI and live sync share this object). Never throws for a server
 * problem: the report says what happened, and nothing local is lost when the server is away.
 */
public final class RemoteSync {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteSync.class);
    static final int PUSH_BATCH = 1_000;
    static final int PULL_PAGE = 2_000;

    /** How far a pull has come: messages applied so far of the total the server had when it started. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void pulled(long done, long total);
    }

    /** What the pull changed, session by session (windows refresh; {@code sync --watch} prints a line). */
    public interface Changes {
        Changes NONE = new Changes() { };

        default void sessionsChanged(Set<String> sessionIds) {
        }

        default void line(String text) {
        }
    }

    private final Store store;
    private final Supplier<Optional<RemoteEndpoint>> endpoint;
    private final DeviceClock clock;
    private final SyncLedger ledger;
    private final PulledChanges pulled;
    private final String deviceLabel;
    private final Workers workers;
    private volatile Changes changes = Changes.NONE;
    private volatile Progress watcher = Progress.NONE;
    private RemoteServer server; // kept between exchanges; guarded by this
    private final Object prefetchLock = new Object();
    private ExecutorService prefetcher; // reads the next page while one is applied; guarded by prefetchLock

    /** With threads of its own (a device in a test). */
    public RemoteSync(Store store, Supplier<Optional<RemoteEndpoint>> endpoint, DeviceClock clock) {
        this(store, endpoint, clock, Workers.logging());
    }

    /** @param workers the composition root's: the pull's prefetch thread comes from there */
    public RemoteSync(Store store, Supplier<Optional<RemoteEndpoint>> endpoint, DeviceClock clock, Workers workers) {
        this.workers = workers;
        this.store = store;
        this.endpoint = endpoint;
        this.clock = clock;
        this.ledger = new SyncLedger(store);
        this.pulled = new PulledChanges(store);
        this.deviceLabel = label(ledger);
    }

    public void onChanges(Changes listener) {
        this.changes = listener == null ? Changes.NONE : listener;
    }

    /** Told how every pull comes along, whoever started it (the GUI shows a first sync's progress bar). */
    public void onProgress(Progress listener) {
        this.watcher = listener == null ? Progress.NONE : listener;
    }

    public boolean configured() {
        return endpoint.get().isPresent();
    }

    public SyncLedger ledger() {
        return ledger;
    }

    public String deviceLabel() {
        return deviceLabel;
    }

    public SyncReport syncNow() {
        return syncNow(Progress.NONE);
    }

    /** Push, pull, push again if branches were made. Call off the UI thread. */
    public synchronized SyncReport syncNow(Progress progress) {
        long start = System.nanoTime();
        if (store.isReadOnly()) {
            String off = Wording.english().say(UserText.of("sync", "remote.off", StoreWords.readOnly(store.readOnlyReason())));
            return SyncReport.failed(off, false, 0, took(start), clock.clock().instant());
        }
        ledger.setClockOffset(clock.offsetMillis());
        try {
            RemoteServer s = server();
            String readOnly = s.readOnlyReason();
            int pushed = readOnly == null ? push(s) : 0;
            List<String> branches = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            Progress seen = watcher;
            int got = pull(s, (done, total) -> {
                progress.pulled(done, total);
                seen.pulled(done, total);
            }, branches, refused);
            if (!branches.isEmpty() && readOnly == null) {
                pushed += push(s);
            }
            SyncReport r = new SyncReport(pushed, got, branches, refused, ledger.waitingMessages(), took(start),
                    clock.clock().instant(), null, false, readOnly);
            if (!branches.isEmpty() || !refused.isEmpty() || readOnly != null) {
                LOG.info("sync with {}: {}", s.endpoint(), r.summaryLine());
            } else { // routine: live sync exchanges many times a second on a busy server
                LOG.debug("sync with {}: {}", s.endpoint(), r.summaryLine());
            }
            return r;
        } catch (RemoteException e) {
            dropServer();
            int waiting = safeWaiting();
            LOG.warn("sync failed: {}", e.getMessage());
            return SyncReport.failed(e.getMessage(), e.transientFailure(), waiting, took(start), clock.clock().instant());
        } catch (IllegalArgumentException | StoreException e) {
            LOG.warn("sync failed: {}", e.getMessage());
            return SyncReport.failed(e.getMessage(), false, safeWaiting(), took(start), clock.clock().instant());
        }
    }

    /** A LISTEN connection for live sync (the caller closes it). */
    public RemoteListener listen() {
        RemoteEndpoint e = endpoint.get().orElseThrow(() -> new IllegalArgumentException(notConfigured()));
        return RemoteListener.connect(e);
    }

    public String deviceId() {
        return ledger.deviceId();
    }

    /** Moves whenever a local change is queued (live sync looks several times a second and pushes). */
    public long outboxSignature() {
        return ledger.outboxSignature();
    }

    private int push(RemoteServer s) {
        int pushed = 0;
        for (SyncLedger.OutboxEntry e : ledger.outbox()) {
            Optional<SyncedSession> snap = ledger.snapshot(e.sessionId());
            if (snap.isEmpty()) {
                ledger.done(e); // purged here; the server keeps its copy
                continue;
            }
            if (e.kind().equals("meta")) {
                s.pushSession(snap.get());
                ledger.done(e);
                continue;
            }
            boolean finished = true;
            while (true) {
                int from = ledger.serverCount(e.sessionId());
                List<SyncedMessage> batch = ledger.messagesAfter(e.sessionId(), from, PUSH_BATCH);
                if (batch.isEmpty()) {
                    break;
                }
                RemoteServer.Pushed p = s.pushMessages(e.sessionId(), batch);
                if (p.sessionMissing()) {
                    s.pushSession(snap.get());
                    p = s.pushMessages(e.sessionId(), batch);
                }
                if (p.accepted() > 0) {
                    ledger.markPushed(e.sessionId(), batch.get(p.accepted() - 1).seq());
                    pushed += p.accepted();
                }
                if (p.conflictAt() != null) {
                    // Another device's message holds that seq on the server: the pull moves ours to a branch.
                    LOG.info("session {}: the server holds another message at {}; the pull will branch", e.sessionId(),
                            p.conflictAt());
                    finished = false;
                    break;
                }
                if (p.accepted() == 0) {
                    finished = false;
                    break;
                }
            }
            if (finished) {
                ledger.done(e);
            }
        }
        return pushed;
    }

    /**
     * Pulls pages by change number. While one page is applied to SQLite (the writer), the next is
     * already read from the server on the prefetch thread: the pull costs about the slower of the two,
     * not their sum. Only one server call is ever in flight on the connection, and the cursor is stored
     * with the page that was applied, so a kill mid-pull repeats at most that page.
     */
    private int pull(RemoteServer s, Progress progress, List<String> branches, List<String> refused) {
        long sessionCursor = pullSessions(s, ledger.cursor(SyncLedger.SESSIONS_CURSOR), branches);
        long cursor = ledger.cursor(SyncLedger.MESSAGES_CURSOR);
        long total = -1;
        long done = 0;
        int applied = 0;
        Future<List<SyncedMessage>> next = null;
        try {
            List<SyncedMessage> page = s.pullMessages(cursor, PULL_PAGE);
            while (!page.isEmpty()) {
                if (!pulled.unknownSessions(page).isEmpty()) {
                    // Another device pushed a session after its rows were read above: its row is on the server
                    // now (a message refers to it, and its push bumps the row's change number), so read the rows
                    // again rather than apply these messages as if the session had been purged here.
                    sessionCursor = pullSessions(s, sessionCursor, branches);
                }
                if (total < 0) {
                    total = page.size() < PULL_PAGE ? page.size() : s.messagesAfter(cursor);
                }
                long last = page.get(page.size() - 1).changeNo();
                boolean full = page.size() == PULL_PAGE;
                next = full ? prefetch(s, last) : null;
                PulledChanges.Applied a = pulled.applyMessages(page, last, deviceLabel, sessionCursor);
                applied += a.messages();
                branches.addAll(a.branchesMade());
                refused.addAll(a.refused());
                a.refused().forEach(r -> LOG.warn("refused a pulled message: {}", r));
                announce(a, "message");
                done += page.size();
                progress.pulled(Math.min(done, total), total);
                cursor = a.cursor();
                if (next == null || a.cursor() < last) {
                    break; // a session is busy streaming a reply here: the rest comes with the next pull
                }
                page = await(next);
                next = null;
            }
        } finally {
            if (next != null) {
                awaitQuietly(next); // never leave a read running on the connection the next call uses
            }
        }
        return applied;
    }

    private Future<List<SyncedMessage>> prefetch(RemoteServer s, long after) {
        synchronized (prefetchLock) {
            if (prefetcher == null) {
                prefetcher = workers.onDemand("sync-prefetch");
            }
            return prefetcher.submit(() -> s.pullMessages(after, PULL_PAGE));
        }
    }

    /** The prefetched page, or the prefetch's own failure (a {@link RemoteException} says what went wrong). */
    private static List<SyncedMessage> await(Future<List<SyncedMessage>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException(RemoteException.Kind.UNREACHABLE, "the pull was interrupted before the server answered", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void awaitQuietly(Future<List<SyncedMessage>> f) {
        try {
            await(f);
        } catch (RuntimeException ignored) {
            // the pull is failing or done already; only the connection's quiet matters here
        }
    }

    /** Applies session rows changed after {@code cursor}; returns the new cursor. */
    private long pullSessions(RemoteServer s, long cursor, List<String> branches) {
        while (true) {
            List<SyncedSession> rows = s.pullSessions(cursor, 500);
            if (rows.isEmpty()) {
                return cursor;
            }
            cursor = rows.get(rows.size() - 1).changeNo();
            PulledChanges.Applied a = pulled.applySessions(rows, cursor);
            branches.addAll(a.branchesMade());
            announce(a, "session");
        }
    }

    private void announce(PulledChanges.Applied a, String what) {
        if (a.changedSessions().isEmpty()) {
            return;
        }
        Changes c = changes;
        c.sessionsChanged(a.changedSessions());
        int n = what.equals("session") ? a.sessions() : a.messages();
        c.line(Wording.english().say(UserText.of("sync", what.equals("session") ? "watch.pulledSessions" : "watch.pulledMessages",
                n, a.changedSessions().size())));
        a.branchesMade().forEach(b -> c.line(Wording.english().say(UserText.of("sync", "watch.branch", b))));
        a.refused().forEach(r -> c.line(Wording.english().say(UserText.of("sync", "watch.refused", r))));
    }

    private RemoteServer server() {
        if (server == null) {
            RemoteEndpoint e = endpoint.get().orElseThrow(() -> new IllegalArgumentException(notConfigured()));
            server = RemoteServer.connect(e, ledger.deviceId(), deviceLabel, AppVersion.current());
        }
        return server;
    }

    /** Forgets the connection after a failure; the next exchange connects again. */
    private void dropServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public synchronized void close() {
        dropServer();
        synchronized (prefetchLock) {
            if (prefetcher != null) {
                prefetcher.shutdownNow();
                prefetcher = null;
            }
        }
    }

    private int safeWaiting() {
        try {
            return ledger.waitingMessages();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    static String notConfigured() {
        return Wording.english().say(UserText.of("sync", "remote.notSetUp", SyncSettings.ENV_URL,
                "postgresql://user@host:5432/db?sslmode=verify-full"));
    }

    private static Duration took(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** The host name and the start of the device id: two data folders on one machine are two devices. */
    private static String label(SyncLedger ledger) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "this device"; // an id, not a sentence
        }
        try {
            return host + " (" + ledger.deviceId().substring(0, 6) + ")";
        } catch (RuntimeException e) {
            return host; // a read-only store from before sync has no device id
        }
    }
}
