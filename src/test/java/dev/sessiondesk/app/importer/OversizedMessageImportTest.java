package dev.sessiondesk.app.importer;

import static dev.sessiondesk.app.importer.ImportTestSupport.copyFixture;
import static dev.sessiondesk.app.importer.ImportTestSupport.importPath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18 item 8: an export with one message over the size limit skips that session, named, and imports the rest. */
class OversizedMessageImportTest {
    @TempDir
    Path tmp;

    @Test
    void aSessionWithATooLargeMessageIsSkippedWithTheReasonAndTheOthersAreImported() throws Exception {
        Path source = copyFixture("goose-jsonl", tmp.resolve("src"));
        Files.writeString(source.resolve("20241120_090000.jsonl"), "{\"role\":\"user\",\"created\":1732093300,"
                + "\"content\":[{\"type\":\"text\",\"text\":\"" + "z".repeat(5 * 1024 * 1024) + "\"}]}\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (Store store = Store.open(tmp.resolve("data"))) {
            ImportReport report = importPath(store, source, ImportOptions.defaults());
            assertThat(report.imported()).isEqualTo(1);
            assertThat(report.skipped()).singleElement().asString().contains("20241120_090000")
                    .contains("the message holds 5.0 MB of text; one message can hold at most 4.0 MB");
        }
    }
}
