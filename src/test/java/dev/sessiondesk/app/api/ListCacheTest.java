package dev.sessiondesk.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ListCacheTest {

    @Test
    void requestsThatFindTheListOutOfDateAtOnceShareOneRead() throws Exception {
        ListCache cache = new ListCache();
        AtomicInteger reads = new AtomicInteger();
        Supplier<byte[]> slowRead = () -> {
            reads.incrementAndGet();
            sleep(150);
            return ("list " + reads.get()).getBytes(StandardCharsets.UTF_8);
        };
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<byte[]>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return cache.get(slowRead);
                }));
            }
            go.countDown();
            for (Future<byte[]> a : answers) {
                assertThat(new String(a.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8)).isEqualTo("list 1");
            }
            assertThat(reads.get()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aChangeDuringAReadIsSeenByTheNextRequest() throws Exception {
        ListCache cache = new ListCache();
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch changed = new CountDownLatch(1);
        Supplier<byte[]> read = () -> {
            int n = reads.incrementAndGet();
            if (n == 1) {
                reading.countDown();
                await(changed); // the store changes while the first read is under way
            }
            return ("list " + n).getBytes(StandardCharsets.UTF_8);
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<byte[]> first = pool.submit(() -> cache.get(read));
            reading.await(5, TimeUnit.SECONDS);
            cache.invalidate();
            changed.countDown();
            assertThat(new String(first.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8)).isEqualTo("list 1");
            assertThat(new String(cache.get(read), StandardCharsets.UTF_8)).isEqualTo("list 2");
            assertThat(new String(cache.get(read), StandardCharsets.UTF_8)).isEqualTo("list 2"); // unchanged since: cached
            assertThat(reads.get()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aChangeElsewhereIsReadOnceTheListIsSettleOldButTheApisOwnWriteAtOnce() {
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        ListCache cache = new ListCache(clock::get, Duration.ofMillis(50));
        AtomicInteger reads = new AtomicInteger();
        Supplier<byte[]> read = () -> ("list " + reads.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
        assertThat(new String(cache.get(read), StandardCharsets.UTF_8)).isEqualTo("list 1");

        for (int i = 0; i < 40; i++) { // a window streaming: the change feed announces every word
            cache.changedElsewhere();
            clock.addAndGet(1_000_000L);
            cache.get(read);
        }
        assertThat(reads.get()).isEqualTo(1); // 40 announcements within 50 ms: still the first read
        clock.addAndGet(10_000_000L); // the list read is now 50 ms old
        assertThat(new String(cache.get(read), StandardCharsets.UTF_8)).isEqualTo("list 2");
        assertThat(new String(cache.get(read), StandardCharsets.UTF_8)).isEqualTo("list 2"); // nothing new since

        cache.invalidate(); // the API renamed a session: the next request sees it, however young the list
        assertThat(new String(cache.get(read), StandardCharsets.UTF_8)).isEqualTo("list 3");
        clock.addAndGet(60_000_000L);
        assertThat(new String(cache.get(read), StandardCharsets.UTF_8)).isEqualTo("list 3"); // old, but unchanged
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
