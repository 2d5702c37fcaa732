package dev.sessiondesk.store;

import static dev.sessiondesk.store.StoreFixture.sql;
import static dev.sessiondesk.store.StoreFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-scan, multi-threaded verify of the whole store judges every session as verifying it alone does. */
class StoreScanAgreementTest {
    @TempDir
    Path dir;

    @Test
    void theWholeStoreScanAgreesWithSessionBySessionVerifyOnDamagedForks() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Store store = Store.open(dir)) {
            for (int s = 0; s < 6; s++) {
                String id = store.sessions().create(NewSession.blank()).id();
                ids.add(id);
                for (int i = 1; i <= 20; i++) {
                    store.messages().append(id, text(i % 2 == 1 ? Role.USER : Role.ASSISTANT, "s" + s + " m" + i));
                }
            }
            for (int f = 0; f < 6; f++) {
                String fork = store.messages().fork(ids.get(f % 3), 5 + f).id();
                ids.add(fork);
                store.messages().append(fork, text(Role.USER, "own " + f));
                ids.add(store.messages().fork(fork, 3 + f).id());
            }
            assertThat(store.verifier().verifyAll(false).ok()).isTrue();
        }
        sql(dir, "UPDATE messages SET content_json = '[{\"text\":\"edited\",\"type\":\"text\"}]'"
                        + " WHERE session_id = '" + ids.get(0) + "' AND seq = 7",
                "DELETE FROM messages WHERE session_id = '" + ids.get(1) + "' AND seq = 15",
                "UPDATE messages SET hash = 'ab' WHERE session_id = '" + ids.get(4) + "' AND seq = 20",
                "UPDATE sessions SET head_hash = '00' WHERE id = '" + ids.get(5) + "'");
        AtomicInteger made = new AtomicInteger();
        Store.Options threaded = Store.Options.defaults().withScanThreads(r -> {
            made.incrementAndGet();
            Thread t = new Thread(r, "test-verify-scan");
            t.setDaemon(true);
            return t;
        });
        List<ChainReport> onTheCallingThread;
        try (Store store = Store.open(dir)) {
            onTheCallingThread = store.verifier().verifyAll(false).chains();
        }
        try (Store store = Store.open(dir, threaded)) {
            StoreReport all = store.verifier().verifyAll(false);
            assertThat(made.get()).as("the scan hashes on the threads handed in").isPositive();
            assertThat(all.chains()).isEqualTo(onTheCallingThread);
            assertThat(all.ok()).isFalse();
            List<String> bad = new ArrayList<>();
            for (ChainReport r : all.chains()) {
                ChainReport alone = store.verifier().verifySession(r.sessionId());
                assertThat(r.ok()).as(r + " vs " + alone).isEqualTo(alone.ok());
                assertThat(r.firstBadSeq()).as(r + " vs " + alone).isEqualTo(alone.firstBadSeq());
                if (r.ok()) {
                    assertThat(r.messagesChecked()).isEqualTo(alone.messagesChecked());
                } else {
                    bad.add(r.sessionId());
                }
            }
            assertThat(all.chains()).hasSize(ids.size());
            assertThat(bad).contains(ids.get(0), ids.get(1), ids.get(4), ids.get(5)).hasSizeGreaterThan(4);
        }
    }

    /**
     * The scan builds the canonical bytes from pieces (SQLite's prefix, the id escaped by hand when it is
     * plain ASCII, the metadata and role suffix by flags): ids that need JSON escapes, ids that are not
     * ASCII, no id, and every visibility combination verify, and a role changed behind the store's back
     * is found at its message, as verifying the session alone finds it.
     */
    @Test
    void theScanHashesEveryKindOfIdAndFlagAsTheStoreDid() throws Exception {
        String[] ids = {"plain-id_01", "quote\"and\\backslash", "tab\tnew\nline\u0001ctl", "grüße-✓-𝄞", "", null};
        String session;
        try (Store store = Store.open(dir)) {
            session = store.sessions().create(NewSession.blank()).id();
            for (int i = 0; i < ids.length * 4; i++) {
                store.messages().append(session, new NewMessage(ids[i % ids.length], i % 2 == 0 ? Role.USER : Role.ASSISTANT,
                        1_700_000_000_000L + i, "[{\"text\":\"m" + i + " ü\",\"type\":\"text\"}]", (i & 2) != 0, (i & 4) != 0));
            }
            StoreReport all = store.verifier().verifyAll(false);
            assertThat(all.ok()).as(all.problems().toString()).isTrue();
            assertThat(all.messagesChecked()).isEqualTo(ids.length * 4);
            assertThat(store.verifier().verifyChains().bytesHashed()).isPositive();
        }
        sql(dir, "PRAGMA ignore_check_constraints = ON",
                "UPDATE messages SET role = 'system' WHERE session_id = '" + session + "' AND seq = 9");
        try (Store store = Store.open(dir)) {
            ChainReport scanned = store.verifier().verifyAll(false).chains().get(0);
            ChainReport alone = store.verifier().verifySession(session);
            assertThat(scanned.ok()).isFalse();
            assertThat(alone.ok()).isFalse();
            assertThat(scanned.firstBadSeq()).isEqualTo(9).isEqualTo(alone.firstBadSeq());
        }
    }
}
