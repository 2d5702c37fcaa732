package dev.sessiondesk.app.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.sessiondesk.app.SessionDesk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18 item 19: importing a fifo is refused at once, detected or with a forced format, instead of hanging. */
class ImportSpecialFileTest {
    @TempDir
    Path tmp;

    @Test
    void aFifoIsRefusedNotWaitedOn() throws Exception {
        Path fifo = tmp.resolve("conversations.json");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mk.waitFor(10, TimeUnit.SECONDS)).isTrue();
        try (SessionDesk desk = SessionDesk.open(tmp.resolve("data"))) {
            for (ImportFormat format : new ImportFormat[] {null, ImportFormat.CHATGPT, ImportFormat.GOOSE_EXPORT,
                    ImportFormat.GOOSE_JSONL, ImportFormat.GOOSE_DB}) {
                assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                        assertThatThrownBy(() -> desk.importer().importPath(fifo,
                                ImportOptions.defaults().withFormat(format), ImportProgress.NONE))
                                .hasMessageContaining("not a regular file")
                                .hasMessageContaining(fifo.toString()), "format " + format);
            }
        }
    }
}
