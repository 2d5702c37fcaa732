package dev.sessiondesk.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.TitleSource;
import dev.sessiondesk.model.WindowBinding;
import dev.sessiondesk.store.ChainReport;
import dev.sessiondesk.store.SessionQuery;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreException;
import dev.sessiondesk.store.StoreReport;
import dev.sessiondesk.store.StreamingMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many windows at once on one store, each a thread with its own seeded schedule: appending, streaming,
 * switching sessions (binding + active flag), renaming, saving drafts, while background titles for
 * the session a window showed run on the app's background executor. Nothing may land in the wrong
 * session, a user title is final, exactly one session is active. The seed is printed on failure and
 * {@code -Dsessiondesk.torture.seed=N} replays the schedule (the interleaving is the scheduler's).
 */
class ConcurrentWindowsTest {
    private static final int WINDOWS = 6;
    private static final int SESSIONS = 4;
    private static final int OPS_PER_WINDOW = 35;

    record Acked(String sessionId, int seq, String canonical) {
    }

    record Streamed(String sessionId, int seq, String full, String lastSaved, boolean finished) {
    }

    private final List<Acked> acked = new CopyOnWriteArrayList<>();
    private final List<Streamed> streamed = new CopyOnWriteArrayList<>();
    private final Set<String> userRenamed = ConcurrentHashMap.newKeySet();
    private final List<Future<?>> titling = new CopyOnWriteArrayList<>();
    private final Map<String, String> windowSession = new ConcurrentHashMap<>();

    @Test
    void manyWindowsAndBackgroundTitlesNeverMixUpSessions(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("sessiondesk.torture.seed", System.nanoTime());
        try {
            run(dir, seed);
        } catch (AssertionError | Exception e) {
            throw new AssertionError("concurrent windows failed with seed " + seed + " (replay: -Dsessiondesk.torture.seed="
                    + seed + "): " + e.getMessage(), e);
        }
    }

    private void run(Path dir, long seed) throws Exception {
        Random setup = new Random(seed);
        try (SessionDesk desk = SessionDesk.open(dir.resolve("data"))) {
            List<String> sessions = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                sessions.add(desk.sessions().create(null, null).id());
            }
            ExecutorService windows = Executors.newFixedThreadPool(WINDOWS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WINDOWS; w++) {
                String windowId = "window-" + w;
                long windowSeed = setup.nextLong();
                done.add(windows.submit(() -> {
                    start.await();
                    new Window(desk, windowId, new Random(windowSeed), sessions).run();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            windows.shutdown();
            for (Future<?> f : titling) {
                f.get(60, TimeUnit.SECONDS);
            }
            check(desk.store(), sessions);
        }
        try (Store fresh = Store.open(dir.resolve("data"))) { // and as a restarted app sees it
            StoreReport report = fresh.verifier().verifyAll(false);
            assertThat(report.ok()).as(report.sqliteCheck() + " " + report.problems()).isTrue();
        }
    }

    /** One window: its own schedule over the shared services, as the UI would drive them. */
    private final class Window {
        final SessionDesk desk;
        final String windowId;
        final Random r;
        final List<String> sessions;
        String current;
        int drafts;

        Window(SessionDesk desk, String windowId, Random r, List<String> sessions) {
            this.desk = desk;
            this.windowId = windowId;
            this.r = r;
            this.sessions = sessions;
            this.current = sessions.get(r.nextInt(sessions.size()));
        }

        void run() throws Exception {
            switchTo(current);
            for (int i = 0; i < OPS_PER_WINDOW; i++) {
                int roll = r.nextInt(100);
                if (roll < 35) {
                    NewMessage m = TortureText.message(r, current, r.nextBoolean() ? Role.USER : Role.ASSISTANT, windowId);
                    AppendResult a = desk.sessions().append(current, m);
                    assertThat(a.sessionId()).isEqualTo(current);
                    acked.add(new Acked(current, a.seq(), TortureText.canonical(m)));
                } else if (roll < 50) {
                    stream();
                } else if (roll < 65) {
                    switchTo(sessions.get(r.nextInt(sessions.size())));
                } else if (roll < 73) {
                    String title = TortureText.userTitle(current, r.nextInt(1_000_000));
                    desk.sessions().rename(current, title);
                    userRenamed.add(current);
                } else if (roll < 85) {
                    backgroundTitle();
                } else {
                    desk.store().drafts().save(windowId, TortureText.draft(windowId, ++drafts));
                }
            }
        }

        void switchTo(String sessionId) {
            current = sessionId;
            Session s = desk.sessions().require(sessionId);
            desk.store().windows().save(new WindowBinding(windowId, sessionId, 0, 0, 800, 600, false, 0, true,
                    s.fingerprint(), true, 0));
            windowSession.put(windowId, sessionId);
            desk.sessions().setActive(sessionId);
        }

        /** The reply may be cut short by another window writing to the same session: that is allowed, losing it is not. */
        void stream() {
            String s = current;
            String full = TortureText.tagged(s, "streamed by " + windowId + " " + TortureText.words(r, 6));
            int tag = TortureText.tagged(s, "").length();
            StreamingMessage stream = desk.store().messages().beginStreaming(s,
                    new NewMessage(null, Role.ASSISTANT, 1_700_000_000L, ContentItems.textArray(full.substring(0, tag)), true, true));
            String saved = full.substring(0, tag);
            boolean open = true;
            for (int at = tag + 5; at < full.length() && open; at += 5) {
                if (Character.isLowSurrogate(full.charAt(at))) {
                    at++;
                }
                String text = full.substring(0, at);
                open = desk.store().messages().checkpoint(stream, ContentItems.textArray(text));
                if (open) {
                    saved = text;
                }
            }
            boolean finished = false;
            if (open) {
                try {
                    desk.store().messages().finishStreaming(stream, ContentItems.textArray(full), MessageState.COMPLETE);
                    finished = true;
                } catch (StoreException e) {
                    assertThat(e.kind()).as(e.getMessage()).isEqualTo(StoreException.Kind.CONFLICT);
                }
            }
            streamed.add(new Streamed(s, stream.seq(), full, finished ? full : saved, finished));
        }

        /** Titling carries the id and title source it started with, and finishes later on another thread. */
        void backgroundTitle() {
            String s = current;
            TitleSource seen = desk.sessions().require(s).titleSource();
            String title = TortureText.autoTitle(s, r.nextInt(1_000_000));
            int thinkMs = r.nextInt(5);
            titling.add(desk.background().submit(() -> {
                Thread.sleep(thinkMs);
                desk.sessions().setAutoTitle(s, seen, title);
                return null;
            }));
        }
    }

    private void check(Store store, List<String> sessions) {
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        for (Acked a : acked) {
            Message m = store.messages().get(a.sessionId(), a.seq()).orElse(null);
            if (m == null || !TortureText.canonical(m.body()).equals(a.canonical())) {
                problems.add("acknowledged message " + a.seq() + " of " + a.sessionId() + " is " + m);
            }
        }
        for (Streamed s : streamed) {
            Message m = store.messages().get(s.sessionId(), s.seq()).orElse(null);
            String text = m == null ? null : TortureText.firstText(m.contentJson());
            if (m == null || m.state() == MessageState.STREAMING || !s.full().startsWith(text) || !text.startsWith(s.lastSaved())
                    || (s.finished() && m.state() != MessageState.COMPLETE)) {
                problems.add("streamed reply " + s.seq() + " of " + s.sessionId() + " is " + m + ", last saved \"" + s.lastSaved() + "\"");
            }
        }
        int active = 0;
        for (Session s : store.sessions().list(SessionQuery.all())) {
            active += s.active() ? 1 : 0;
            for (Message m : store.messages().list(s.id())) {
                String tag = TortureText.sessionTag(TortureText.firstText(m.contentJson()));
                if (!s.id().equals(tag)) {
                    problems.add("message " + m.seq() + " of session " + s.id() + " was meant for " + tag);
                }
            }
            if (!s.title().isEmpty() && !s.id().equals(TortureText.sessionTag(s.title()))) {
                problems.add("session " + s.id() + " has a title meant for another session: " + s.title());
            }
            if (userRenamed.contains(s.id()) && s.titleSource() != TitleSource.USER) {
                problems.add("the user's title of session " + s.id() + " was replaced by \"" + s.title() + "\"");
            }
        }
        if (active != 1) {
            problems.add(active + " active sessions instead of exactly one");
        }
        for (WindowBinding b : store.windows().all()) {
            ChainReport r = store.verifier().checkExtends(b.sessionId(), b.fingerprint());
            if (!r.ok() || !b.sessionId().equals(windowSession.get(b.windowId()))) {
                problems.add("window " + b.windowId() + " is bound to " + b.sessionId() + " (" + r + ")");
            }
        }
        StoreReport report = store.verifier().verifyAll(false);
        if (!report.ok()) {
            problems.add("verify: " + report.sqliteCheck() + " " + report.problems());
        }
        assertThat(problems).isEmpty();
        assertThat(acked).as("the schedule wrote nothing").hasSizeGreaterThan(WINDOWS * 5);
        assertThat(sessions).hasSize(SESSIONS);
    }
}
