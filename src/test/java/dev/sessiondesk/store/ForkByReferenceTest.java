package dev.sessiondesk.store;

import static dev.sessiondesk.store.StoreFixture.sql;
import static dev.sessiondesk.store.StoreFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionExporter;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fork stores only its own messages and reads its prefix from its parent (schema 5). */
class ForkByReferenceTest {
    private static final int BIG = 10_000;
    @TempDir
    Path dir;

    private static Session bigSession(Store store) {
        Session parent = store.sessions().create(NewSession.titled("Big", null));
        List<NewMessage> batch = new ArrayList<>();
        for (int i = 1; i <= BIG; i++) {
            batch.add(text(i % 2 == 1 ? Role.USER : Role.ASSISTANT, "message " + i));
        }
        store.messages().appendAll(parent.id(), batch);
        return store.sessions().require(parent.id());
    }

    @Test
    void aForkOfATenThousandMessageSessionStoresOnlyItsOwnRows() {
        try (Store store = Store.open(dir)) {
            Session parent = bigSession(store);
            Session fork = store.messages().fork(parent.id(), BIG);
            assertThat(store.messages().listOwn(fork.id())).isEmpty();
            assertThat(store.messages().countAll()).isEqualTo(BIG);
            assertThat(fork.messageCount()).isEqualTo(BIG);
            assertThat(fork.headHash()).isEqualTo(parent.headHash());

            store.messages().append(fork.id(), text(Role.USER, "my own question"));
            List<Message> own = store.messages().listOwn(fork.id());
            assertThat(own).extracting(Message::seq).containsExactly(BIG + 1);
            assertThat(store.messages().countAll()).isEqualTo(BIG + 1);

            List<Message> logical = store.messages().list(fork.id());
            assertThat(logical).hasSize(BIG + 1);
            assertThat(logical.subList(0, BIG)).isEqualTo(store.messages().list(parent.id()));
            assertThat(store.messages().tail(fork.id(), 3)).extracting(Message::seq).containsExactly(BIG - 1, BIG, BIG + 1);
            assertThat(store.verifier().verifySession(fork.id()).ok()).isTrue();
            assertThat(store.verifier().verifySession(parent.id()).ok()).isTrue();
            assertThat(store.sessions().require(parent.id())).isEqualTo(parent);
        }
    }

    @Test
    void tenRegenerationsOfTheLastReplyAddTenRows() {
        try (Store store = Store.open(dir)) {
            Session parent = bigSession(store);
            for (int i = 1; i <= 10; i++) {
                Session branch = store.messages().fork(parent.id(), BIG - 1);
                String answer = "regenerated answer " + i;
                store.messages().append(branch.id(), text(Role.ASSISTANT, answer));
                assertThat(store.verifier().verifySession(branch.id()).ok()).isTrue();
                assertThat(store.messages().list(branch.id(), BIG, 5)).singleElement()
                        .satisfies(m -> assertThat(m.contentJson()).contains(answer));
            }
            assertThat(store.messages().countAll()).isEqualTo(BIG + 10);
            assertThat(store.verifier().verifyAll(false).ok()).isTrue();
        }
    }

    @Test
    void tamperingInTheParentsPrefixFailsTheForkTooAndIsNamed() throws Exception {
        String parentId;
        String forkId;
        String laterForkId;
        try (Store store = Store.open(dir)) {
            parentId = store.sessions().create(NewSession.blank()).id();
            for (int i = 1; i <= 8; i++) {
                store.messages().append(parentId, text(Role.USER, "p" + i));
            }
            forkId = store.messages().fork(parentId, 6).id();
            store.messages().append(forkId, text(Role.USER, "f7"));
            laterForkId = store.messages().fork(parentId, 2).id();
        }
        sql(dir, "UPDATE messages SET content_json = '[{\"text\":\"p4, edited\",\"type\":\"text\"}]'"
                + " WHERE session_id = '" + parentId + "' AND seq = 4");
        try (Store store = Store.open(dir)) {
            ChainReport fork = store.verifier().verifySession(forkId);
            assertThat(fork.ok()).isFalse();
            assertThat(fork.firstBadSeq()).isEqualTo(4);
            assertThat(fork.problem()).contains("stored in parent session " + parentId);
            assertThat(store.verifier().verifySession(parentId).ok()).isFalse();
            assertThat(store.verifier().verifySession(laterForkId).ok()).as("forked before the damage").isTrue();
            assertThat(store.verifier().verifyAll(false).problems()).extracting(ChainReport::sessionId)
                    .containsExactlyInAnyOrder(parentId, forkId);
        }
    }

    @Test
    void aForkOfAForkBelowItsForkPointReadsTheGrandparent() {
        try (Store store = Store.open(dir)) {
            String root = store.sessions().create(NewSession.blank()).id();
            for (int i = 1; i <= 5; i++) {
                store.messages().append(root, text(Role.USER, "r" + i));
            }
            String child = store.messages().fork(root, 4).id();
            store.messages().append(child, text(Role.USER, "c5"));
            String grandchild = store.messages().fork(child, 5).id();
            String low = store.messages().fork(child, 2).id();
            store.messages().append(grandchild, text(Role.USER, "g6"));
            assertThat(texts(store, grandchild)).containsExactly("r1", "r2", "r3", "r4", "c5", "g6");
            assertThat(texts(store, low)).containsExactly("r1", "r2");
            assertThat(store.messages().countAll()).isEqualTo(7);
            assertThat(store.verifier().verifyAll(false).ok()).isTrue();
        }
    }

    @Test
    void theExportOfAForkHoldsItsWholeConversation() {
        try (Store store = Store.open(dir)) {
            String parent = store.sessions().create(NewSession.blank()).id();
            for (int i = 1; i <= 4; i++) {
                store.messages().append(parent, text(Role.USER, "shared " + i));
            }
            String fork = store.messages().fork(parent, 3).id();
            store.messages().append(fork, text(Role.ASSISTANT, "fork only"));
            String md = new SessionExporter(store).export(fork, SessionExporter.Format.MD);
            assertThat(md).contains("shared 1").contains("shared 2").contains("shared 3").contains("fork only")
                    .doesNotContain("shared 4");
            String json = new SessionExporter(store).export(fork, SessionExporter.Format.JSON);
            assertThat(json).contains("shared 1").contains("fork only").contains("\"parent_seq\"");
        }
    }

    @Test
    void purgingAParentCopiesIntoItsForksOnlyTheRowsTheyUsed() {
        try (Store store = Store.open(dir)) {
            String root = store.sessions().create(NewSession.blank()).id();
            for (int i = 1; i <= 5; i++) {
                store.messages().append(root, text(Role.USER, "r" + i));
            }
            String middle = store.messages().fork(root, 3).id();
            store.messages().append(middle, text(Role.USER, "m4"));
            store.messages().append(middle, text(Role.USER, "m5"));
            String leaf = store.messages().fork(middle, 4).id();
            store.messages().append(leaf, text(Role.USER, "l5"));
            String leafHead = store.sessions().require(leaf).headHash();

            store.sessions().trash(middle);
            store.sessions().purge(middle);

            Session after = store.sessions().require(leaf);
            assertThat(after.parentSessionId()).isEqualTo(root);
            assertThat(after.parentSeq()).isEqualTo(3);
            assertThat(after.headHash()).isEqualTo(leafHead);
            assertThat(texts(store, leaf)).containsExactly("r1", "r2", "r3", "m4", "l5");
            assertThat(store.messages().listOwn(leaf)).extracting(Message::seq).containsExactly(4, 5);
            assertThat(store.verifier().verifyAll(false).ok()).isTrue();

            store.sessions().trash(root);
            store.sessions().purge(root);
            Session alone = store.sessions().require(leaf);
            assertThat(alone.parentSessionId()).isNull();
            assertThat(texts(store, leaf)).containsExactly("r1", "r2", "r3", "m4", "l5");
            assertThat(store.messages().countAll()).isEqualTo(5);
            assertThat(store.verifier().verifyAll(false).ok()).isTrue();
            assertThat(new ReferenceChecks(store).searchIndexProblems()).isEmpty();
        }
    }

    @Test
    void aSearchHitInTheSharedPrefixBelongsToTheParent() {
        try (Store store = Store.open(dir)) {
            String parent = store.sessions().create(NewSession.blank()).id();
            store.messages().append(parent, text(Role.USER, "zebras in the prefix"));
            store.messages().append(parent, text(Role.USER, "second"));
            String fork = store.messages().fork(parent, 2).id();
            store.messages().append(fork, text(Role.USER, "giraffes only here"));
            var search = new dev.sessiondesk.app.search.SearchService(store, Runnable::run);
            assertThat(search.search("zebras", 10)).extracting(h -> h.sessionId()).containsExactly(parent);
            assertThat(search.search("giraffes", 10)).extracting(h -> h.sessionId()).containsExactly(fork);
        }
    }

    private static List<String> texts(Store store, String sessionId) {
        return store.messages().list(sessionId).stream()
                .map(m -> dev.sessiondesk.model.ContentItems.plainText(m.contentJson())).toList();
    }
}
