package dev.sessiondesk.store;

import static dev.sessiondesk.store.StoreFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.TitleSource;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTest {
    @TempDir
    Path dir;

    @Test
    void sessionIdsAreUuidV7AndNeverCollide() {
        try (Store store = Store.open(dir)) {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                ids.add(store.sessions().create(NewSession.blank()).id());
            }
            assertThat(ids).hasSize(200).allSatisfy(id -> assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        }
    }

    @Test
    void aUserRenameIsFinalForAutomaticTitles() {
        try (Store store = Store.open(dir)) {
            Session s = store.sessions().create(NewSession.blank());
            assertThat(store.sessions().setAutoTitle(s.id(), TitleSource.NONE, "Auto one")).isTrue();
            assertThat(store.sessions().require(s.id()).titleSource()).isEqualTo(TitleSource.AUTO);
            store.sessions().renameByUser(s.id(), "Mine");
            assertThat(store.sessions().setAutoTitle(s.id(), TitleSource.AUTO, "Auto two")).isFalse();
            assertThat(store.sessions().setAutoTitle(s.id(), TitleSource.USER, "Auto three")).isFalse();
            assertThat(store.sessions().require(s.id()).title()).isEqualTo("Mine");
        }
    }

    @Test
    void aRenameThatLandsWhileTheTitleTaskRunsWins() {
        try (Store store = Store.open(dir)) {
            Session s = store.sessions().create(NewSession.blank());
            // The title task starts: it reads the title source it expects to replace …
            TitleSource seenByTask = store.sessions().require(s.id()).titleSource();
            // … the user renames meanwhile …
            store.sessions().renameByUser(s.id(), "Chosen by the user");
            // … and the task's compare-and-set finds the source changed and writes nothing.
            assertThat(store.sessions().setAutoTitle(s.id(), seenByTask, "Generated")).isFalse();
            Session after = store.sessions().require(s.id());
            assertThat(after.title()).isEqualTo("Chosen by the user");
            assertThat(after.titleSource()).isEqualTo(TitleSource.USER);
        }
    }

    @Test
    void setActiveLeavesExactlyOneActiveAndNoUpdatedAtChanged() throws Exception {
        try (Store store = Store.open(dir)) {
            List<Session> sessions = List.of(store.sessions().create(NewSession.blank()),
                    store.sessions().create(NewSession.blank()), store.sessions().create(NewSession.blank()));
            Map<String, Long> before = store.sessions().list(SessionQuery.all()).stream()
                    .collect(Collectors.toMap(Session::id, Session::updatedAt));
            Thread.sleep(5);
            for (Session s : List.of(sessions.get(0), sessions.get(2), sessions.get(1), sessions.get(1))) {
                store.sessions().setActive(s.id());
                List<Session> now = store.sessions().list(SessionQuery.all());
                assertThat(now.stream().filter(Session::active).map(Session::id)).containsExactly(s.id());
                assertThat(now.stream().collect(Collectors.toMap(Session::id, Session::updatedAt))).isEqualTo(before);
            }
            assertThat(store.sessions().active()).map(Session::id).contains(sessions.get(1).id());
        }
    }

    @Test
    void trashIsRestorableAndPurgeIsExplicit() {
        try (Store store = Store.open(dir)) {
            Session s = store.sessions().create(NewSession.titled("Keep me", null));
            store.messages().append(s.id(), text(Role.USER, "hello"));
            assertThatThrownBy(() -> store.sessions().purge(s.id())).isInstanceOf(StoreException.class)
                    .hasMessageContaining("not in the trash");
            store.sessions().trash(s.id());
            assertThat(store.sessions().list(SessionQuery.all())).isEmpty();
            assertThat(store.sessions().list(SessionQuery.trash())).extracting(Session::id).containsExactly(s.id());
            assertThatThrownBy(() -> store.messages().append(s.id(), text(Role.USER, "x")))
                    .hasMessageContaining("in the trash");
            store.sessions().restore(s.id());
            assertThat(store.messages().list(s.id())).hasSize(1);
            store.sessions().trash(s.id());
            store.sessions().purge(s.id());
            assertThat(store.sessions().get(s.id())).isEmpty();
            assertThat(store.messages().countAll()).isZero();
        }
    }

    @Test
    void unknownIdsGiveANotFoundErrorNamingTheId() {
        try (Store store = Store.open(dir)) {
            assertThatThrownBy(() -> store.messages().append("nope", text(Role.USER, "x")))
                    .isInstanceOf(StoreException.class)
                    .satisfies(e -> assertThat(((StoreException) e).kind()).isEqualTo(StoreException.Kind.NOT_FOUND))
                    .hasMessageContaining("nope");
        }
    }

    @Test
    void listingOrdersPinnedFirstThenMostRecentAndFiltersByTitle() throws Exception {
        try (Store store = Store.open(dir)) {
            Session a = store.sessions().create(NewSession.titled("Alpha plan", null));
            Session b = store.sessions().create(NewSession.titled("Beta", null));
            Session c = store.sessions().create(NewSession.titled("Gamma 100%", null));
            Thread.sleep(3);
            store.messages().append(a.id(), text(Role.USER, "newest activity"));
            store.sessions().setPinned(b.id(), true);
            store.sessions().setArchived(c.id(), true);
            Function<SessionQuery, List<String>> titles = q -> store.sessions().list(q).stream().map(Session::title).toList();
            assertThat(titles.apply(SessionQuery.firstPage(10))).containsExactly("Beta", "Alpha plan");
            assertThat(titles.apply(SessionQuery.all())).containsExactly("Beta", "Alpha plan", "Gamma 100%");
            assertThat(titles.apply(SessionQuery.all().withFilter("100%"))).containsExactly("Gamma 100%");
            assertThat(titles.apply(SessionQuery.all().withFilter("plan"))).containsExactly("Alpha plan");
        }
    }

    @Test
    void aForkSharesThePrefixAndLeavesTheParentIntact() {
        try (Store store = Store.open(dir)) {
            Session parent = store.sessions().create(NewSession.titled("Parent", null));
            for (int i = 1; i <= 4; i++) {
                store.messages().append(parent.id(), text(Role.USER, "m" + i));
            }
            Session before = store.sessions().require(parent.id());
            Session fork = store.messages().fork(parent.id(), 2);
            assertThat(fork.parentSessionId()).isEqualTo(parent.id());
            assertThat(fork.parentSeq()).isEqualTo(2);
            assertThat(fork.messageCount()).isEqualTo(2);
            assertThat(fork.headHash()).isEqualTo(store.messages().get(parent.id(), 2).orElseThrow().hash());
            assertThat(store.sessions().require(parent.id())).isEqualTo(before);
            assertThat(store.verifier().verifySession(parent.id()).ok()).isTrue();
            assertThat(store.verifier().verifySession(fork.id()).ok()).isTrue();
        }
    }
}
