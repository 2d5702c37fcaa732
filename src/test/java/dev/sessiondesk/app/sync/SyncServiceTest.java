package dev.sessiondesk.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.windows.DraftService;
import dev.sessiondesk.app.windows.WindowLayoutService;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.WindowBinding;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncServiceTest {
    @TempDir
    Path dir;

    @Test
    void syncNowFlushesCheckpointsVerifiesAndRunsAddedSteps() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (Store store = Store.open(dir)) {
            DraftService drafts = new DraftService(store.drafts(), scheduler, Duration.ofHours(1));
            WindowLayoutService layout = new WindowLayoutService(store.windows(), scheduler, Duration.ofHours(1));
            SyncService sync = new SyncService(BuiltInSyncSteps.of(store, drafts, layout), Clock.systemUTC());
            int[] importerRan = {0};
            sync.addStep(ctx -> {
                importerRan[0]++;
                return SyncStepResult.done("importer", 2, "2 sessions imported");
            });

            Session s = store.sessions().create(NewSession.blank());
            store.messages().append(s.id(), NewMessage.text(Role.USER, "hello"));
            drafts.update("w1", "unsent");
            drafts.update("w2", "also unsent");
            layout.update(new WindowBinding("w1", s.id(), 1, 2, 300, 200, false, 0, true, Fingerprint.empty(), true, 0));

            SyncSummary summary = sync.syncNow(new SyncContext(Set.of(s.id())));

            assertThat(summary.ok()).as(summary.describe()).isTrue();
            assertThat(summary.count(BuiltInSyncSteps.DRAFTS)).isEqualTo(2);
            assertThat(summary.count(BuiltInSyncSteps.LAYOUT)).isEqualTo(1);
            assertThat(summary.count(BuiltInSyncSteps.VERIFY)).isEqualTo(1);
            assertThat(importerRan[0]).isEqualTo(1);
            assertThat(summary.describe()).contains("2 unsaved drafts saved").contains("2 sessions imported").contains("took");
            assertThat(store.drafts().get("w2")).isPresent();
            // After the checkpoint the WAL is empty: a plain copy of sessions.db alone is complete.
            Path wal = store.dbFile().resolveSibling(Store.FILE_NAME + "-wal");
            assertThat(!Files.exists(wal) || Files.size(wal) == 0).isTrue();
            Path copy = dir.resolve("copy.db");
            Files.copy(store.dbFile(), copy);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM drafts")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void aFailingStepIsReportedAndLaterStepsStillRun() {
        SyncService sync = new SyncService(java.util.List.of(ctx -> {
            throw new IllegalStateException("remote unreachable");
        }), Clock.systemUTC());
        boolean[] ran = {false};
        sync.addStep(ctx -> {
            ran[0] = true;
            return SyncStepResult.done("later", 1, "later step");
        });
        SyncSummary summary = sync.syncNow(new SyncContext(Set.of()));
        assertThat(ran[0]).isTrue();
        assertThat(summary.ok()).isFalse();
        assertThat(summary.problems()).containsExactly("remote unreachable");
    }
}
