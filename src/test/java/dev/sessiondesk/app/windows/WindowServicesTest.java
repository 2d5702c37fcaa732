package dev.sessiondesk.app.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.WindowBinding;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowServicesTest {
    @TempDir
    Path dir;
    Store store;
    ScheduledExecutorService scheduler;

    @BeforeEach
    void open() {
        store = Store.open(dir);
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void close() {
        scheduler.shutdownNow();
        store.close();
    }

    private static WindowBinding binding(String id, String session, double x) {
        return new WindowBinding(id, session, x, 20, 800, 600, false, 0, true, Fingerprint.empty(), true, 0);
    }

    @Test
    void layoutChangesAreCoalescedAndWrittenWithinTheDelay() throws Exception {
        WindowLayoutService layout = new WindowLayoutService(store.windows(), scheduler, Duration.ofMillis(200));
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            layout.update(binding("w1", "s1", i));
        }
        assertThat(store.windows().get("w1")).isEmpty();
        while (store.windows().get("w1").isEmpty() && System.nanoTime() - start < 2_000_000_000L) {
            Thread.sleep(10);
        }
        long lateMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(store.windows().get("w1")).get().extracting(WindowBinding::x).isEqualTo(49.0);
        assertThat(lateMs).as("written %d ms after the first change", lateMs).isLessThan(1_000);
        assertThat(layout.hasPending()).isFalse();
    }

    @Test
    void flushWritesPendingLayoutAtOnce() {
        WindowLayoutService layout = new WindowLayoutService(store.windows(), scheduler, Duration.ofSeconds(60));
        layout.update(binding("w1", "s1", 5));
        layout.update(binding("w2", "s2", 7));
        assertThat(layout.flush()).isEqualTo(2);
        assertThat(store.windows().openWindows()).extracting(WindowBinding::windowId).containsExactlyInAnyOrder("w1", "w2");
        assertThat(layout.flush()).isZero();
    }

    @Test
    void closedWindowStaysClosedEvenWithAChangePending() {
        WindowLayoutService layout = new WindowLayoutService(store.windows(), scheduler, Duration.ofSeconds(60));
        layout.update(binding("w1", "s1", 5));
        layout.close("w1");
        assertThat(store.windows().openWindows()).isEmpty();
        assertThat(store.windows().get("w1")).get().extracting(WindowBinding::open).isEqualTo(false);
    }

    @Test
    void draftsAreDebouncedKeptWhilePendingAndFlushed() throws Exception {
        DraftService drafts = new DraftService(store.drafts(), scheduler, Duration.ofSeconds(60));
        drafts.update("w1", "hel");
        drafts.update("w1", "hello");
        assertThat(store.drafts().get("w1")).isEmpty();
        assertThat(drafts.get("w1")).contains("hello");
        assertThat(drafts.flush()).isEqualTo(1);
        assertThat(store.drafts().get("w1")).get().extracting(d -> d.text()).isEqualTo("hello");
        drafts.update("w1", "");
        drafts.flush();
        assertThat(store.drafts().get("w1")).isEmpty();

        DraftService quick = new DraftService(store.drafts(), scheduler, Duration.ofMillis(300));
        quick.update("w2", "typed before a crash");
        Thread.sleep(700);
        assertThat(store.drafts().get("w2")).get().extracting(d -> d.text()).isEqualTo("typed before a crash");
    }

    @Test
    void newChatReusesOnlyThisWindowsOwnEmptySession() {
        NewChatRule rule = new NewChatRule(store);
        Session own = rule.newChat(null, Set.of());
        assertThat(rule.newChat(own.id(), Set.of())).extracting(Session::id).isEqualTo(own.id());

        // Another window's empty session is never taken, even when it is the only empty one.
        Session forOtherWindow = rule.newChat(own.id(), Set.of(own.id()));
        assertThat(forOtherWindow.id()).isNotEqualTo(own.id());

        store.messages().append(own.id(), NewMessage.text(Role.USER, "hi"));
        Session afterMessage = rule.newChat(own.id(), Set.of());
        assertThat(afterMessage.id()).isNotEqualTo(own.id()).isNotEqualTo(forOtherWindow.id());

        Session titled = store.sessions().create(NewSession.blank());
        store.sessions().renameByUser(titled.id(), "Plans");
        assertThat(rule.newChat(titled.id(), Set.of()).id()).isNotEqualTo(titled.id());

        Session trashed = store.sessions().create(NewSession.blank());
        store.sessions().trash(trashed.id());
        assertThat(rule.newChat(trashed.id(), Set.of()).id()).isNotEqualTo(trashed.id());
    }

    @Test
    void fingerprintCheckTellsOkGrewMismatchAndMissing() throws Exception {
        FingerprintCheck check = new FingerprintCheck(store);
        Session s = store.sessions().create(NewSession.blank());
        store.messages().append(s.id(), NewMessage.text(Role.USER, "one"));
        Fingerprint seen = store.sessions().require(s.id()).fingerprint();
        assertThat(check.check(s.id(), seen).verdict()).isEqualTo(FingerprintCheck.Verdict.OK);

        store.messages().append(s.id(), NewMessage.text(Role.ASSISTANT, "two"));
        assertThat(check.check(s.id(), seen).verdict()).isEqualTo(FingerprintCheck.Verdict.GREW);

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.dbFile());
             PreparedStatement ps = c.prepareStatement("UPDATE messages SET content_json = ? WHERE session_id = ? AND seq = 1")) {
            ps.setString(1, "[{\"text\":\"someone else's words\",\"type\":\"text\"}]");
            ps.setString(2, s.id());
            ps.executeUpdate();
        }
        FingerprintCheck.Result mismatch = check.check(s.id(), seen);
        assertThat(mismatch.verdict()).isEqualTo(FingerprintCheck.Verdict.MISMATCH);
        assertThat(mismatch.detail()).contains(s.id()).contains("message 1");

        assertThat(check.check("0190c0de-0000-7000-8000-000000000000", seen).verdict())
                .isEqualTo(FingerprintCheck.Verdict.MISSING);
    }

    @Test
    void activeSessionFollowsFocusWithoutRewritingUnchangedState() {
        ActiveSessionTracker tracker = new ActiveSessionTracker(store.sessions());
        Session a = store.sessions().create(NewSession.blank());
        Session b = store.sessions().create(NewSession.blank());
        long bUpdated = store.sessions().require(b.id()).updatedAt();
        assertThat(tracker.focused(a.id())).isTrue();
        assertThat(tracker.focused(a.id())).isFalse();
        assertThat(tracker.focused(b.id())).isTrue();
        assertThat(store.sessions().active()).get().extracting(Session::id).isEqualTo(b.id());
        assertThat(store.sessions().require(b.id()).updatedAt()).isEqualTo(bUpdated);
    }

    @Test
    void aDraftThatCannotBeSavedIsKeptReportedAndSavedOnceTheLockIsGone() throws Exception {
        store.close();
        store = Store.open(dir, Store.Options.defaults().withBusyTimeout(100));
        DraftService drafts = new DraftService(store.drafts(), scheduler, Duration.ofMillis(100));
        java.util.List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        drafts.listen(new SaveListener() {
            @Override
            public void saved(String windowId) {
                events.add("saved");
            }

            @Override
            public void failed(String windowId, RuntimeException error) {
                events.add("failed " + ((dev.sessiondesk.store.StoreException) error).kind());
            }
        });
        try (AutoCloseable lock = BehindTheAppsBack.holdWriteLock(dir)) {
            drafts.update("w1", "typed while another program writes");
            long deadline = System.currentTimeMillis() + 5_000;
            while (!events.contains("failed LOCKED") && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(events).contains("failed LOCKED");
            assertThat(drafts.get("w1")).contains("typed while another program writes");
        }
        long deadline = System.currentTimeMillis() + 5_000;
        while (store.drafts().get("w1").isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(store.drafts().get("w1")).get().extracting(d -> d.text()).isEqualTo("typed while another program writes");
        assertThat(events).endsWith("saved");
    }
}
