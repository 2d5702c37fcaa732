package dev.sessiondesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.backup.Seed;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prints what opening a long session costs with the full chain check and with the incremental one. */
class IncrementalVerifyFiguresTest {
    @TempDir
    Path data;

    @Test
    void reopeningALongSessionHashesOnlyTheNewMessages() {
        try (Store store = Store.open(data)) {
            String id = Seed.sessions(store, 1, 3000, 300).get(0);
            IncrementalVerifier incremental = new IncrementalVerifier(store);
            long t0 = System.nanoTime();
            ChainReport full = store.verifier().verifySession(id);
            long t1 = System.nanoTime();
            IncrementalVerifier.Result first = incremental.verify(id);
            store.messages().append(id, NewMessage.text(Role.USER, "one more"));
            long t2 = System.nanoTime();
            IncrementalVerifier.Result again = incremental.verify(id);
            long t3 = System.nanoTime();
            assertThat(full.ok()).isTrue();
            assertThat(first.newlyHashed()).isEqualTo(3000);
            assertThat(again.ok()).isTrue();
            assertThat(again.newlyHashed()).isEqualTo(1);
            assertThat(again.alreadyVerified()).isEqualTo(3000);
            System.out.printf("verify on open, 3000-message session: full chain %.1f ms; incremental after one new"
                    + " message %.2f ms (hashed %d)%n", (t1 - t0) / 1e6, (t3 - t2) / 1e6, again.newlyHashed());
        }
    }
}
