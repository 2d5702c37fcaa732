package dev.sessiondesk.store;

import static dev.sessiondesk.store.StoreFixture.sql;
import static dev.sessiondesk.store.StoreFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainVerifierTest {
    @TempDir
    Path dir;
    String victim;
    String bystander;

    @BeforeEach
    void fiveMessagesInTwoSessions() {
        try (Store store = Store.open(dir)) {
            victim = store.sessions().create(NewSession.blank()).id();
            bystander = store.sessions().create(NewSession.blank()).id();
            for (int i = 1; i <= 5; i++) {
                store.messages().append(victim, text(i % 2 == 1 ? Role.USER : Role.ASSISTANT, "message " + i));
                store.messages().append(bystander, text(Role.USER, "other " + i));
            }
        }
    }

    private StoreReport verifyAll() {
        try (Store store = Store.open(dir)) {
            return store.verifier().verifyAll(false);
        }
    }

    @Test
    void anUntouchedStoreVerifies() {
        StoreReport report = verifyAll();
        assertThat(report.ok()).isTrue();
        assertThat(report.messagesChecked()).isEqualTo(10);
        assertThat(report.sqliteCheck()).isEqualTo("ok");
    }

    @Test
    void changedContentIsNamedBySessionAndSeq() throws Exception {
        sql(dir, "UPDATE messages SET content_json = '[{\"text\":\"message 3, edited\",\"type\":\"text\"}]'"
                + " WHERE session_id = '" + victim + "' AND seq = 3");
        StoreReport report = verifyAll();
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).singleElement().satisfies(r -> {
            assertThat(r.sessionId()).isEqualTo(victim);
            assertThat(r.firstBadSeq()).isEqualTo(3);
            assertThat(r.toString()).contains(victim).contains("message 3");
        });
    }

    @Test
    void aChangedVisibilityFlagIsDetected() throws Exception {
        sql(dir, "UPDATE messages SET user_visible = 0 WHERE session_id = '" + victim + "' AND seq = 2");
        assertThat(verifyAll().problems()).singleElement().extracting(ChainReport::firstBadSeq).isEqualTo(2);
    }

    @Test
    void aDeletedMessageIsDetected() throws Exception {
        sql(dir, "DELETE FROM messages WHERE session_id = '" + victim + "' AND seq = 2");
        ChainReport r = verifyAll().problems().get(0);
        assertThat(r.sessionId()).isEqualTo(victim);
        assertThat(r.firstBadSeq()).isEqualTo(2);
        assertThat(r.problem()).contains("missing");
    }

    @Test
    void aDeletedLastMessageIsDetected() throws Exception {
        sql(dir, "DELETE FROM messages WHERE session_id = '" + victim + "' AND seq = 5");
        ChainReport r = verifyAll().problems().get(0);
        assertThat(r.sessionId()).isEqualTo(victim);
        assertThat(r.firstBadSeq()).isEqualTo(5);
    }

    @Test
    void reorderedMessagesAreDetected() throws Exception {
        sql(dir, "UPDATE messages SET seq = -1 WHERE session_id = '" + victim + "' AND seq = 2",
                "UPDATE messages SET seq = 2 WHERE session_id = '" + victim + "' AND seq = 4",
                "UPDATE messages SET seq = 4 WHERE session_id = '" + victim + "' AND seq = -1");
        ChainReport r = verifyAll().problems().get(0);
        assertThat(r.sessionId()).isEqualTo(victim);
        assertThat(r.firstBadSeq()).isEqualTo(2);
    }

    @Test
    void aFingerprintOfAnEarlierStateStillMatchesAGrownSession() {
        try (Store store = Store.open(dir)) {
            Session before = store.sessions().require(victim);
            store.messages().append(victim, text(Role.USER, "later"));
            assertThat(store.verifier().checkExtends(victim, before.fingerprint()).ok()).isTrue();
        }
    }

    @Test
    void aRewrittenSessionDoesNotMatchItsOldFingerprint() throws Exception {
        Fingerprint remembered;
        try (Store store = Store.open(dir)) {
            remembered = store.sessions().require(victim).fingerprint();
        }
        // Someone replaces the conversation behind the app's back, re-hashing it consistently.
        try (Store store = Store.open(dir)) {
            Session other = store.sessions().require(bystander);
            sql(dir, "DELETE FROM messages WHERE session_id = '" + victim + "'",
                    "INSERT INTO messages(session_id, seq, message_id, role, created, content_json, user_visible,"
                            + " agent_visible, state, hash, updated_at) SELECT '" + victim + "', seq, message_id, role, created,"
                            + " content_json, user_visible, agent_visible, state, hash, updated_at FROM messages WHERE session_id = '"
                            + bystander + "'",
                    "UPDATE sessions SET message_count = " + other.messageCount() + ", head_hash = '" + other.headHash()
                            + "' WHERE id = '" + victim + "'");
            assertThat(store.verifier().verifySession(victim).ok()).isTrue(); // internally consistent …
            ChainReport r = store.verifier().checkExtends(victim, remembered); // … but not what the window showed
            assertThat(r.ok()).isFalse();
            assertThat(r.problem()).contains("differs");
        }
    }
}
