package dev.sessiondesk.torture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.WindowBinding;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash torture's checker must be able to fail: a store that lost, changed or mixed up what was
 * acknowledged is reported under the right heading ("lost", "mixed-up windows", "chain errors").
 */
class StoreInvariantsTest {
    @TempDir
    Path dir;

    private final List<JsonNode> facts = new ArrayList<>();
    private long op;

    private void ack(ObjectNode fact) {
        fact.put("op", ++op);
        fact.put("end", true);
        facts.add(fact);
    }

    private StoreInvariants.Verdict check() {
        ExpectedState expected = new ExpectedState();
        ExpectedState.InFlight inFlight = expected.foldRun(facts);
        try (Store store = Store.open(dir)) {
            return StoreInvariants.check(store, StoreInvariants.snapshot(store, ChildWorld.WINDOWS), expected, inFlight);
        }
    }

    private String seedSessionWithMessages(int count) {
        Random r = new Random(1);
        try (Store store = Store.open(dir)) {
            String id = store.sessions().create(NewSession.blank()).id();
            ObjectNode session = AckLog.fact("session");
            session.put("s", id);
            ack(session);
            for (int i = 0; i < count; i++) {
                NewMessage m = TortureText.message(r, id, Role.USER, "m" + i);
                AppendResult a = store.messages().append(id, m);
                ack(StoreOperations.messageFact(id, a, m));
            }
            return id;
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Store.FILE_NAME));
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void anIntactStorePasses() {
        seedSessionWithMessages(3);
        StoreInvariants.Verdict v = check();
        assertThat(v.problems).isEmpty();
    }

    @Test
    void aMissingAcknowledgedMessageCountsAsLost() throws Exception {
        String id = seedSessionWithMessages(3);
        sql("DELETE FROM messages WHERE session_id = '" + id + "' AND seq = 3");
        sql("UPDATE sessions SET message_count = 2, head_hash = (SELECT hash FROM messages WHERE session_id = '" + id
                + "' AND seq = 2) WHERE id = '" + id + "'");
        StoreInvariants.Verdict v = check();
        assertThat(v.lost).isEqualTo(1);
        assertThat(v.problems).anyMatch(p -> p.contains("message 3") && p.contains("missing"));
    }

    @Test
    void aChangedMessageIsLostAndBreaksTheChain() throws Exception {
        String id = seedSessionWithMessages(3);
        sql("UPDATE messages SET created = created + 1 WHERE session_id = '" + id + "' AND seq = 2");
        StoreInvariants.Verdict v = check();
        assertThat(v.lost).isEqualTo(1);
        assertThat(v.chainErrors).isEqualTo(1);
    }

    @Test
    void aWindowWhoseSessionNoLongerMatchesItsFingerprintIsMixedUp() {
        String id = seedSessionWithMessages(2);
        String other;
        try (Store store = Store.open(dir)) {
            other = store.sessions().create(NewSession.blank()).id();
            store.messages().append(other, NewMessage.text(Role.USER, TortureText.tagged(other, "x")));
            // The window remembers session id's conversation but is bound to the other session.
            Fingerprint fp = store.sessions().require(id).fingerprint();
            WindowBinding b = StoreOperations.bind("w1", other, fp, 0, 0, 800, 600, 0);
            store.windows().save(b);
            ack(StoreOperations.windowFact(b));
        }
        StoreInvariants.Verdict v = check();
        assertThat(v.mixedUpWindows).isEqualTo(1);
    }

    @Test
    void aMessageInTheWrongSessionIsMisplaced() {
        String id = seedSessionWithMessages(1);
        try (Store store = Store.open(dir)) {
            String other = store.sessions().create(NewSession.blank()).id();
            store.messages().append(other, NewMessage.text(Role.USER, TortureText.tagged(id, "meant for the first one")));
        }
        StoreInvariants.Verdict v = check();
        assertThat(v.misplaced).isEqualTo(1);
    }

    @Test
    void anOlderDraftThanTheLastAcknowledgedSaveIsReported() {
        seedSessionWithMessages(1);
        try (Store store = Store.open(dir)) {
            store.drafts().save("w2", TortureText.draft("w2", 4));
        }
        ObjectNode draft = AckLog.fact("draft");
        draft.put("w", "w2");
        draft.put("n", 5);
        ack(draft);
        StoreInvariants.Verdict v = check();
        assertThat(v.problems).anyMatch(p -> p.contains("draft of window w2"));
    }

    @Test
    void anAutomaticTitleThatOverwroteAUserTitleIsReported() throws Exception {
        String id = seedSessionWithMessages(1);
        try (Store store = Store.open(dir)) {
            store.sessions().renameByUser(id, TortureText.userTitle(id, 1));
        }
        ack(StoreOperations.titleFact(id, TortureText.userTitle(id, 1)));
        sql("UPDATE sessions SET title = '" + TortureText.autoTitle(id, 2) + "', title_source = 'auto' WHERE id = '" + id + "'");
        StoreInvariants.Verdict v = check();
        assertThat(v.problems).anyMatch(p -> p.contains("user's title"));
    }

    @Test
    void aForkThatStoresACopyOfItsParentsPrefixIsReported() throws Exception {
        String id = seedSessionWithMessages(3);
        String fork;
        try (Store store = Store.open(dir)) {
            fork = store.messages().fork(id, 2).id();
        }
        assertThat(check().problems).as("a fork by reference is fine").isEmpty();
        sql("INSERT INTO messages(session_id, seq, role, created, content_json, state, hash, updated_at)"
                + " SELECT '" + fork + "', seq, role, created, content_json, state, hash, updated_at FROM messages"
                + " WHERE session_id = '" + id + "' AND seq = 1");
        StoreInvariants.Verdict v = check();
        assertThat(v.problems).anyMatch(p -> p.contains("fork " + fork + " stores a copy of message 1"));
    }
}
