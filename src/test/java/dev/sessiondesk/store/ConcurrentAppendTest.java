package dev.sessiondesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentAppendTest {
    @TempDir
    Path dir;

    @Test
    void manyThreadsAppendingToManySessionsGiveGapFreeVerifiedChains() throws Exception {
        int threads = 12;
        int sessions = 6;
        int perThread = 40;
        try (Store store = Store.open(dir)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                ids.add(store.sessions().create(NewSession.blank()).id());
            }
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            for (int t = 0; t < threads; t++) {
                int thread = t;
                pool.submit(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            String session = ids.get((thread + i) % sessions);
                            // Each message names the session it is meant for, so a misplaced one shows.
                            store.messages().append(session, NewMessage.text(Role.USER, session + " t" + thread + " #" + i));
                            if (i % 10 == 0) {
                                store.messages().list(session, 1, 5); // readers run alongside the writer
                            }
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                    return null;
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
            assertThat(errors).isEmpty();

            int total = 0;
            for (String id : ids) {
                List<Message> messages = store.messages().list(id);
                for (int i = 0; i < messages.size(); i++) {
                    assertThat(messages.get(i).seq()).isEqualTo(i + 1);
                    assertThat(ContentItems.plainText(messages.get(i).contentJson())).startsWith(id + " ");
                }
                total += messages.size();
            }
            assertThat(total).isEqualTo(threads * perThread);
            StoreReport report = store.verifier().verifyAll(false);
            assertThat(report.ok()).as(report.problems().toString()).isTrue();
            assertThat(report.messagesChecked()).isEqualTo(threads * perThread);
        }
    }
}
