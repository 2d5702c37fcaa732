package dev.sessiondesk.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreReport;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A verify in a long-running app must not cry corruption: a pooled reader that had run quick_check
 * kept FTS5's cached index structure and, after the writer added a long message, reported
 * "fts5: checksum mismatch" for an index a fresh connection finds intact.
 */
class LongLivedVerifyTest {

    @Test
    void verifyingTwiceAroundALongMessageReportsNoPhantomDamage(@TempDir Path dir) {
        try (Store store = Store.open(dir)) {
            TortureFiles.Seeded seeded = TortureFiles.seed(store, 1, 9);
            assertThat(store.verifier().verifyAll(false).ok()).isTrue();
            String text = TortureText.tagged(seeded.sessionId(), TortureFiles.bigText(new Random(5), 20_000));
            store.messages().append(seeded.sessionId(), NewMessage.text(Role.USER, text));
            StoreReport again = store.verifier().verifyAll(false);
            assertThat(again.sqliteCheck()).isEqualTo("ok");
            assertThat(again.ok()).isTrue();
        }
    }
}
