package dev.sessiondesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test suite runs with the guard on: a store call on the UI thread throws, elsewhere it works. */
class UiThreadGuardTest {
    @TempDir
    Path dir;

    @AfterEach
    void release() {
        UiThreadGuard.forbid("UI thread", () -> false);
    }

    @Test
    void readsAndWritesOnTheUiThreadFailLoudlyAndWorkOnAnyOtherThread() throws Exception {
        assertThat(UiThreadGuard.enabled()).as("surefire sets -D" + UiThreadGuard.PROPERTY + "=true").isTrue();
        try (Store store = Store.open(dir)) {
            Session s = store.sessions().create(NewSession.titled("guarded", null));
            UiThreadGuard.forbid("pretend UI thread", () -> Thread.currentThread().getName().equals("pretend-ui"));
            CompletableFuture<Throwable> onUi = new CompletableFuture<>();
            Thread ui = new Thread(() -> {
                try {
                    store.messages().list(s.id());
                    onUi.complete(null);
                } catch (Throwable t) {
                    onUi.complete(t);
                }
            }, "pretend-ui");
            ui.start();
            assertThat(onUi.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("on the pretend UI thread, which must never wait on the disk");
            CompletableFuture<Throwable> writeOnUi = new CompletableFuture<>();
            Thread ui2 = new Thread(() -> {
                try {
                    store.messages().append(s.id(), NewMessage.text(Role.USER, "never written"));
                    writeOnUi.complete(null);
                } catch (Throwable t) {
                    writeOnUi.complete(t);
                }
            }, "pretend-ui");
            ui2.start();
            assertThat(writeOnUi.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
            // Any other thread (this one) reads and writes as before; nothing was written from the UI thread.
            assertThat(store.messages().list(s.id())).isEmpty();
            store.messages().append(s.id(), NewMessage.text(Role.USER, "written off the UI thread"));
            assertThat(store.messages().list(s.id())).hasSize(1);
        }
    }
}
