package dev.sessiondesk.torture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreException;
import dev.sessiondesk.store.StreamingMessage;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk full during appends and streaming: SQLite's {@code max_page_count} on the writer's own
 * connection caps the store exactly as a full disk does (SQLITE_FULL), portably and without root.
 */
class DiskFullTest {
    private static final int NO_LIMIT = 1_073_741_823;

    /** Caps the store at its current size (plus {@code extraPages}); the next growth fails with FULL. */
    private static int capAt(Store store, int extraPages) {
        return store.writer().direct("cap the store size", c -> {
            try (Statement s = c.createStatement()) {
                int pages;
                try (ResultSet rs = s.executeQuery("PRAGMA page_count")) {
                    pages = rs.getInt(1);
                }
                try (ResultSet rs = s.executeQuery("PRAGMA max_page_count = " + (pages + extraPages))) {
                    return rs.getInt(1);
                }
            }
        });
    }

    @Test
    void aFullDiskFailsTheAppendClearlyDamagesNothingAndTheSameAppendSucceedsOnceSpaceReturns(@TempDir Path dir) {
        Random r = new Random(5);
        try (Store store = Store.open(dir)) {
            TortureFiles.Seeded seeded = TortureFiles.seed(store, 6, 9);
            store.drafts().save("w1", "unsent words the user typed");
            capAt(store, 1);

            NewMessage big = NewMessage.text(Role.USER, TortureText.tagged(seeded.sessionId(), TortureFiles.bigText(r, 20_000)));
            StoreException full = null;
            int acceptedBeforeFull = 0;
            for (int i = 0; i < 50 && full == null; i++) { // the first append may still fit in the last free page
                try {
                    store.messages().append(seeded.sessionId(), big);
                    acceptedBeforeFull++;
                } catch (StoreException e) {
                    full = e;
                }
            }
            assertThat(full).as("the store never filled up").isNotNull();
            assertThat(full.kind()).isEqualTo(StoreException.Kind.FULL);
            assertThat(full.isTransient()).isTrue();
            assertThat(full.getMessage()).contains(store.dbFile().toString()).contains("full").contains(seeded.sessionId());

            // Nothing earlier is damaged, and the failed append left no trace.
            seeded.assertIntact(store);
            int countAfterFailure = store.sessions().require(seeded.sessionId()).messageCount();
            assertThat(countAfterFailure).isEqualTo(6 + acceptedBeforeFull);
            assertThat(store.drafts().get("w1").orElseThrow().text()).isEqualTo("unsent words the user typed");
            assertThat(store.verifier().verifyAll(false).ok()).isTrue();

            // Space returns: the very same message goes in at the next seq, gap-free.
            capAt(store, NO_LIMIT / 2);
            AppendResult retried = store.messages().append(seeded.sessionId(), big);
            assertThat(retried.seq()).isEqualTo(countAfterFailure + 1);
            assertThat(TortureText.canonical(store.messages().get(seeded.sessionId(), retried.seq()).orElseThrow().body()))
                    .isEqualTo(TortureText.canonical(big));
            var report = store.verifier().verifyAll(false);
            assertThat(report.ok()).as(report.sqliteCheck() + " " + report.problems()).isTrue();
        }
    }

    @Test
    void aStreamingReplyKeepsItsLastCheckpointThroughAFullDiskAndFinishesAfterwards(@TempDir Path dir) {
        Random r = new Random(6);
        try (Store store = Store.open(dir)) {
            TortureFiles.Seeded seeded = TortureFiles.seed(store, 2, 10);
            String id = seeded.sessionId();
            StreamingMessage stream = store.messages().beginStreaming(id, NewMessage.text(Role.ASSISTANT, ""));
            String saved = TortureText.tagged(id, "the part that was saved");
            assertThat(store.messages().checkpoint(stream, ContentItems.textArray(saved))).isTrue();
            capAt(store, 0);

            String longer = saved + TortureFiles.bigText(r, 60_000);
            assertThatThrownBy(() -> store.messages().checkpoint(stream, ContentItems.textArray(longer)))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.FULL))
                    .hasMessageContaining(id);
            assertThat(TortureText.firstText(store.messages().get(id, stream.seq()).orElseThrow().contentJson()))
                    .isEqualTo(saved);

            capAt(store, NO_LIMIT / 2);
            store.messages().checkpoint(stream, ContentItems.textArray(longer));
            store.messages().finishStreaming(stream, ContentItems.textArray(longer), MessageState.COMPLETE);
            assertThat(store.messages().get(id, stream.seq()).orElseThrow().state()).isEqualTo(MessageState.COMPLETE);
            seeded.assertIntact(store);
            assertThat(store.verifier().verifyAll(false).ok()).isTrue();
        }
    }
}
