package dev.sessiondesk.torture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreException;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another program holds the store's lock: writes wait it out, or fail with LOCKED and succeed on retry. */
class LockedStoreTest {

    @Test
    void aWriteWaitsForALockShorterThanTheBusyTimeoutAndLosesNothing(@TempDir Path dir) throws Exception {
        Random r = new Random(1);
        try (Store store = Store.open(dir.resolve("data"), Store.Options.defaults().withBusyTimeout(10_000))) {
            TortureFiles.Seeded seeded = TortureFiles.seed(store, 4, 2);
            NewMessage m = TortureText.message(r, seeded.sessionId(), Role.USER, "written while locked");
            long waitedMs;
            try (ExclusiveLock lock = ExclusiveLock.take(store.dbFile(), dir.resolve("logs"))) {
                CompletableFuture<Void> release = CompletableFuture.runAsync(() -> { },
                        CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS)).thenRun(() -> release(lock));
                long t0 = System.nanoTime();
                AppendResult a = store.messages().append(seeded.sessionId(), m);
                waitedMs = (System.nanoTime() - t0) / 1_000_000;
                release.join();
                assertThat(a.seq()).isEqualTo(5);
            }
            // It really waited for the other program (not a no-op lock), then committed.
            assertThat(waitedMs).as("the append should have waited for the lock").isGreaterThan(1_000);
            seeded.assertIntact(store);
            assertThat(TortureText.canonical(store.messages().get(seeded.sessionId(), 5).orElseThrow().body()))
                    .isEqualTo(TortureText.canonical(m));
            assertThat(store.verifier().verifyAll(false).ok()).isTrue();
        }
    }

    @Test
    @SuppressWarnings("try") // the lock is held for its effect
    void aLockLongerThanTheBusyTimeoutFailsWithLockedAndTheRetrySucceeds(@TempDir Path dir) throws Exception {
        Random r = new Random(3);
        try (Store store = Store.open(dir.resolve("data"), Store.Options.defaults().withBusyTimeout(300))) {
            TortureFiles.Seeded seeded = TortureFiles.seed(store, 3, 4);
            NewMessage m = TortureText.message(r, seeded.sessionId(), Role.USER, "retried");
            try (ExclusiveLock lock = ExclusiveLock.take(store.dbFile(), dir.resolve("logs"))) {
                assertThatThrownBy(() -> store.messages().append(seeded.sessionId(), m))
                        .isInstanceOfSatisfying(StoreException.class, e -> {
                            assertThat(e.kind()).isEqualTo(StoreException.Kind.LOCKED);
                            assertThat(e.isTransient()).isTrue();
                        })
                        .hasMessageContaining(store.dbFile().toString()).hasMessageContaining("locked by another program");
                // Readers are not blocked by a writer's lock (WAL): the app can still show everything.
                seeded.assertIntact(store);
            }
            AppendResult retried = store.messages().append(seeded.sessionId(), m);
            assertThat(retried.seq()).isEqualTo(4); // the failed attempt left no trace: no gap, no duplicate
            seeded.assertIntact(store);
            assertThat(store.verifier().verifyAll(false).ok()).isTrue();
        }
    }

    private static void release(ExclusiveLock lock) {
        try {
            lock.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not release the lock held by " + lock.holder, e);
        }
    }
}
