package dev.sessiondesk.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** A token flood becomes one queued UI hand-over, and no announced key is lost. */
class CoalescingRelayTest {

    @Test
    void manyAnnouncementsFromManyThreadsQueueOneHandOverAndDeliverEveryKey() throws Exception {
        ConcurrentLinkedQueue<Runnable> uiQueue = new ConcurrentLinkedQueue<>();
        List<Set<String>> batches = new ArrayList<>();
        CoalescingRelay<String> relay = new CoalescingRelay<>(uiQueue::add, batches::add);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String session = "session-" + t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    relay.add(session);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(uiQueue).hasSize(1);
        uiQueue.poll().run();
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).containsExactlyInAnyOrder("session-0", "session-1", "session-2", "session-3");

        relay.add("session-9"); // after the hand-over ran, the next announcement queues a new one
        assertThat(uiQueue).hasSize(1);
        uiQueue.poll().run();
        assertThat(new HashSet<>(batches.get(1))).containsExactly("session-9");
    }
}
