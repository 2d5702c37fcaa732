package dev.sessiondesk.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.sync.LiveSync;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.NewSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live sync: a message committed on one device is in the other device's store within a second. */
class LiveSyncTest {
    @TempDir
    Path tmp;
    PgTestServer pg;

    @BeforeEach
    void server() {
        pg = PgTestServer.create();
    }

    @AfterEach
    void drop() {
        pg.close();
    }

    @Test
    void anotherDeviceHasEachMessageWithinOneSecondOfItsCommit() throws Exception {
        try (SyncDevice a = new SyncDevice(tmp.resolve("a"), pg.url());
             SyncDevice b = new SyncDevice(tmp.resolve("b"), pg.url())) {
            Session s = a.store.sessions().create(NewSession.titled("Live", null));
            a.syncOk();
            b.syncOk();
            // The fallback pull is an hour away: only NOTIFY (and the outbox watch) can make this fast.
            try (LiveSync liveA = new LiveSync(a.sync, Duration.ofHours(1), r -> { }, dev.sessiondesk.app.tasks.Workers.logging().threads("live-sync", true));
                 LiveSync liveB = new LiveSync(b.sync, Duration.ofHours(1), r -> { }, dev.sessiondesk.app.tasks.Workers.logging().threads("live-sync", true))) {
                liveA.start();
                liveB.start();
                Thread.sleep(1_000); // both listening
                List<Long> latencies = new ArrayList<>();
                for (int i = 1; i <= 25; i++) {
                    a.store.messages().append(s.id(), NewMessage.text(Role.USER, "live " + i));
                    long committed = System.nanoTime();
                    int want = i;
                    while (b.store.sessions().require(s.id()).messageCount() < want) {
                        if (System.nanoTime() - committed > 10_000_000_000L) {
                            throw new AssertionError("message " + want + " did not reach device b within 10 s; live sync threads:\n"
                                    + liveSyncThreads());
                        }
                        Thread.sleep(2);
                    }
                    latencies.add((System.nanoTime() - committed) / 1_000_000);
                    Thread.sleep(50);
                }
                Collections.sort(latencies);
                long p99 = latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1);
                System.out.println("live sync device→device latency ms: median " + latencies.get(latencies.size() / 2)
                        + ", p99 " + p99 + ", max " + latencies.get(latencies.size() - 1));
                assertThat(p99).as("p99 latency in ms").isLessThanOrEqualTo(1_000);
            }
            assertThat(b.store.verifier().verifySession(s.id()).ok()).isTrue();
        }
    }

    /** Where each live-sync thread is, for a failure message (a stuck exchange names itself). */
    private static String liveSyncThreads() {
        StringBuilder sb = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().startsWith("live-sync")) {
                sb.append(t.getName()).append(' ').append(t.getState()).append('\n');
                for (int i = 0; i < Math.min(25, stack.length); i++) {
                    sb.append("    at ").append(stack[i]).append('\n');
                }
            }
        });
        return sb.toString();
    }
}
