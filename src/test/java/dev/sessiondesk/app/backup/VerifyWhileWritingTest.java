package dev.sessiondesk.app.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.store.MessageSearch;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.ReferenceChecks;
import dev.sessiondesk.store.Store;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 16: Verify Store reported "fts5: corruption found reading blob …" on an intact store.
 * A pooled reader that had searched before kept FTS5's view of the index segments; after the writer
 * merged them away, integrity_check on that connection read a segment that no longer exists. Here a
 * writer appends and optimizes the index the whole time while searches and verifies alternate: not
 * one false alarm may come out.
 */
class VerifyWhileWritingTest {
    @TempDir
    Path data;

    @Test
    void verifyNeverReportsPhantomIndexDamageWhileAWriterAppendsAndMergesTheIndex() throws Exception {
        try (SessionDesk desk = SessionDesk.open(data)) {
            Store store = desk.store();
            String session = store.sessions().create(NewSession.blank()).id();
            ConcurrentLinkedQueue<Throwable> writerErrors = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger written = new AtomicInteger();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; !stop.get(); i++) {
                        store.messages().append(session, NewMessage.text(Role.USER, "word" + (i % 97) + " alpha beta " + i));
                        written.incrementAndGet();
                        if (i % 7 == 0) {
                            store.writer().write("merge the search index", c -> {
                                try (Statement s = c.createStatement()) {
                                    s.execute("INSERT INTO messages_fts(messages_fts) VALUES ('optimize')");
                                }
                                return null;
                            });
                        }
                    }
                } catch (Throwable e) {
                    writerErrors.add(e);
                }
            }, "test-writer");
            writer.start();
            List<String> alarms = new ArrayList<>();
            MessageSearch search = new MessageSearch(store);
            ReferenceChecks checks = new ReferenceChecks(store);
            long start = System.nanoTime();
            int rounds = 0;
            try {
                // At least 4 s and 150 writes (merges every 7), at most 20 s on a loaded machine.
                while (System.nanoTime() - start < 4_000_000_000L
                        || written.get() < 150 && System.nanoTime() - start < 20_000_000_000L) {
                    search.bestPerSession("alpha", 5, "search");
                    String quick = checks.quickCheck();
                    if (!quick.equals("ok")) {
                        alarms.add("quick_check: " + quick);
                    }
                    search.bestPerSession("beta", 5, "search");
                    FullVerifier.Report r = new FullVerifier(store, desk.backups().catalog()).verify(Progress.NONE);
                    if (!r.ok()) {
                        alarms.add(String.join(" | ", r.lines()));
                    }
                    rounds++;
                }
            } finally {
                stop.set(true);
                writer.join();
            }
            System.out.printf("verify while writing: %d rounds (quick_check + full verify each), %d messages written,"
                    + " %d index merges, %d false alarms%n", rounds, written.get(), written.get() / 7 + 1, alarms.size());
            assertThat(writerErrors).isEmpty();
            assertThat(written.get()).as("the writer really wrote alongside").isGreaterThan(100);
            assertThat(rounds).isGreaterThan(3);
            assertThat(alarms).as("false alarms in %d rounds with %d messages written", rounds, written.get()).isEmpty();
        }
    }
}
