package dev.sessiondesk.app.importer;

import static dev.sessiondesk.app.importer.ImportTestSupport.byRef;
import static dev.sessiondesk.app.importer.ImportTestSupport.fixture;
import static dev.sessiondesk.app.importer.ImportTestSupport.importPath;
import static dev.sessiondesk.app.importer.ImportTestSupport.sessionCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondesk.store.Store;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports imported as users download them: zip files read in place, hostile archives refused. */
class ZipImportTest {
    @TempDir
    Path tmp;
    Store store;

    @BeforeEach
    void open() {
        store = Store.open(tmp.resolve("data"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Path zip(String name, Object... entries) throws Exception {
        Path zip = tmp.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i < entries.length; i += 2) {
                out.putNextEntry(new ZipEntry((String) entries[i]));
                out.write((byte[]) entries[i + 1]);
                out.closeEntry();
            }
        }
        return zip;
    }

    private static byte[] bytes(String fixture) throws Exception {
        return Files.readAllBytes(fixture(fixture));
    }

    @Test
    void aChatGptAndAClaudeExportZipImportWithoutUnpackingAndReImportAddsNothing() throws Exception {
        Path chatgpt = zip("chatgpt-export.zip", "conversations.json", bytes("chatgpt/conversations.json"),
                "chat.html", "<html></html>".getBytes(), "user.json", "{\"id\":\"user-1\"}".getBytes());
        Path claude = zip("claude-export.zip", "data-2025/conversations.json", bytes("claude/conversations.json"),
                "data-2025/users.json", "[{\"uuid\":\"u\"}]".getBytes());
        List<String> before;
        try (var files = Files.list(tmp)) {
            before = files.map(Path::toString).sorted().toList();
        }

        ImportReport a = importPath(store, chatgpt, ImportOptions.defaults());
        ImportReport b = importPath(store, claude, ImportOptions.defaults());

        assertThat(a.skipped()).as(String.join("\n", a.summaryLines())).isEmpty();
        assertThat(a.imported()).isEqualTo(4);
        assertThat(b.imported()).isEqualTo(2);
        assertThat(byRef(store, "chatgpt", "conv-a")).isNotNull();
        assertThat(byRef(store, "claude", "c0ffee00-0000-4000-8000-000000000001").title()).isEqualTo("Tide tables");
        try (var files = Files.list(tmp)) {
            assertThat(files.map(Path::toString).sorted().toList()).as("nothing unpacked beside the zip").isEqualTo(before);
        }
        int sessions = sessionCount(store);
        assertThat(importPath(store, chatgpt, ImportOptions.defaults()).imported()).isZero();
        assertThat(sessionCount(store)).isEqualTo(sessions);
    }

    @Test
    void entriesThatEscapeTheArchiveAndZipBombsAreRefusedTheRestImports() throws Exception {
        byte[] zeros = new byte[20 * 1024 * 1024];
        Path hostile = zip("hostile.zip", "../outside.json", bytes("claude/conversations.json"),
                "/etc/absolute.json", bytes("claude/conversations.json"),
                "bomb.json", zeros,
                "conversations.json", bytes("chatgpt/conversations.json"));

        ImportReport r = importPath(store, hostile, ImportOptions.defaults());

        assertThat(r.skipped()).extracting(ImportProblem::toString)
                .anySatisfy(p -> assertThat(p).contains("hostile.zip!../outside.json").contains("leads outside the archive"))
                .anySatisfy(p -> assertThat(p).contains("hostile.zip!/etc/absolute.json").contains("leads outside the archive"))
                .anySatisfy(p -> assertThat(p).contains("hostile.zip!bomb.json").contains("zip bomb"));
        assertThat(r.imported()).as("the honest entry still imports").isEqualTo(4);
        assertThat(Files.exists(tmp.resolve("outside.json"))).isFalse();
    }

    @Test
    void aZipWithNoExportInsideSaysSo() throws Exception {
        Path empty = zip("photos.zip", "a.png", new byte[] {1, 2, 3});
        assertThatThrownBy(() -> importPath(store, empty, ImportOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found nothing to import in")
                .hasMessageContaining("photos.zip");
    }

    @Test
    void aTruncatedZipIsAClearError() throws Exception {
        Path good = zip("cut.zip", "conversations.json", bytes("chatgpt/conversations.json"));
        byte[] all = Files.readAllBytes(good);
        try (OutputStream out = Files.newOutputStream(good)) {
            out.write(all, 0, all.length / 2);
        }
        assertThatThrownBy(() -> importPath(store, good, ImportOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read").hasMessageContaining("cut.zip");
        assertThat(sessionCount(store)).isZero();
    }
}
