package dev.sessiondesk.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.NewSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull runs while another device pushes new sessions: a pull reads the session rows first and
 * the messages after, so a session pushed between the two reads arrives as messages of a session
 * this device has never seen. Those messages must not be stepped over (they were, once: the cursor
 * moved past them as if the session had been purged here, and the device never got them).
 */
class PullRaceTest {
    @TempDir
    Path tmp;

    @Test
    void sessionsPushedWhileAnotherDevicePullsAllArriveWithTheirMessages() throws Exception {
        try (PgTestServer pg = PgTestServer.create();
             SyncDevice a = new SyncDevice(tmp.resolve("a"), pg.url());
             SyncDevice b = new SyncDevice(tmp.resolve("b"), pg.url())) {
            a.syncOk();
            b.syncOk();
            AtomicBoolean writing = new AtomicBoolean(true);
            CompletableFuture<Integer> pulls = CompletableFuture.supplyAsync(() -> {
                int n = 0;
                while (writing.get()) {
                    b.syncOk();
                    n++;
                }
                return n;
            });
            List<String> ids = new ArrayList<>();
            try {
                for (int i = 0; i < 60; i++) {
                    Session s = a.store.sessions().create(NewSession.titled("race " + i, null));
                    a.store.messages().append(s.id(), NewMessage.text(Role.USER, "first of race " + i));
                    a.store.messages().append(s.id(), NewMessage.text(Role.ASSISTANT, "second of race " + i));
                    a.syncOk();
                    ids.add(s.id());
                }
            } finally {
                writing.set(false);
            }
            assertThat(pulls.get(60, TimeUnit.SECONDS)).as("pulls that ran while a pushed").isPositive();
            b.syncOk();
            b.syncOk();
            for (String id : ids) {
                assertThat(b.store.sessions().get(id)).as("session " + id + " on b").isPresent();
                assertThat(b.store.sessions().require(id).messageCount()).as("messages of " + id + " on b").isEqualTo(2);
                assertThat(b.store.verifier().verifySession(id).ok()).isTrue();
            }
        }
    }
}
