package dev.sessiondesk.app.importer;

import static dev.sessiondesk.app.importer.ImportTestSupport.copyFixture;
import static dev.sessiondesk.app.importer.ImportTestSupport.fixture;
import static dev.sessiondesk.app.importer.ImportTestSupport.importPath;
import static dev.sessiondesk.app.importer.ImportTestSupport.sessionCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondesk.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths that escape the given folder and files over the size limit are refused, never read. */
class SourceSafetyTest {
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

    @Test
    void aSymbolicLinkPointingOutsideTheFolderIsRefused() throws IOException {
        Path folder = copyFixture("goose-jsonl", tmp);
        Path outside = Files.createDirectories(tmp.resolve("outside")).resolve("20240909_1.jsonl");
        Files.writeString(outside, "{\"description\":\"private\"}\n");
        Files.createSymbolicLink(folder.resolve("20240909_1.jsonl"), outside);
        Files.createSymbolicLink(folder.resolve("20240910_1.jsonl"), folder.resolve("../outside/../outside/20240909_1.jsonl"));

        ImportReport report = importPath(store, folder, ImportOptions.defaults());

        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.skipped()).hasSize(2).allSatisfy(p -> assertThat(p.reason())
                .startsWith("refused, it is a symbolic link to " + outside.toRealPath()));
        assertThat(store.sessions().findByExternalRef("goose", "20240909_1")).isEmpty();
    }

    @Test
    void aSymbolicLinkInsideTheFolderIsFollowed() throws IOException {
        Path folder = copyFixture("goose-jsonl", tmp);
        Files.move(folder.resolve("20241120_090000.jsonl"), Files.createDirectories(folder.resolve("kept")).resolve("a.txt"));
        Files.createSymbolicLink(folder.resolve("20241120_090000.jsonl"), folder.resolve("kept/a.txt"));

        ImportReport report = importPath(store, folder, ImportOptions.defaults());

        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.skipped()).isEmpty();
    }

    @Test
    void filesOverTheSizeLimitAreRefusedWithTheirSize() throws IOException {
        Path folder = copyFixture("goose-jsonl", tmp);
        long small = Files.size(folder.resolve("20241120_090000.jsonl"));

        ImportReport report = importPath(store, folder, ImportOptions.defaults().withMaxBytes(small + 1));

        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.skipped()).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("20240101_120000.jsonl");
            assertThat(p.reason()).startsWith("refused, the file is").contains("--max-size");
        });
        ImportReport export = importPath(store, fixture("goose-export/export-new.json"), ImportOptions.defaults().withMaxBytes(100));
        assertThat(export.skipped()).singleElement().satisfies(p -> assertThat(p.reason()).contains("over the"));
        assertThat(sessionCount(store)).isEqualTo(1);
    }

    @Test
    void aChatGptExportOverTheLimitIsStillReadButItsOversizedConversationsAreRefused() throws IOException {
        Path file = fixture("chatgpt/conversations.json");
        long limit = 2_000; // the second conversation is small, the first is not

        ImportReport report = importPath(store, file, ImportOptions.defaults().withMaxBytes(limit));

        assertThat(Files.size(file)).isGreaterThan(limit);
        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.skipped()).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("conversations.json:2:3");
            assertThat(p.reason()).startsWith("$[0]: refused, the conversation is").contains("--max-size");
        });
        assertThat(store.sessions().findByExternalRef("chatgpt", "conv-b")).isPresent();
        assertThat(store.sessions().findByExternalRef("chatgpt", "conv-a")).isEmpty();
    }

    @Test
    void aMissingPathOrAnUnknownFileIsAClearError() throws IOException {
        assertThatThrownBy(() -> importPath(store, tmp.resolve("nope"), ImportOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
        Path text = Files.writeString(tmp.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> importPath(store, text, ImportOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--format");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> importPath(store, empty, ImportOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found nothing to import");
    }

    @Test
    void aPathWithDotDotLeavingTheFolderIsRefusedBeforeAnythingIsRead() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("project/agents/sessions"));
        Files.writeString(tmp.resolve("secret.json"), "{}");

        assertThatThrownBy(() -> SafePaths.inside(folder, folder.resolve("../../../secret.json")))
                .isInstanceOf(SafePaths.RefusedPathException.class).hasMessageContaining("leads outside");
        assertThat(SafePaths.inside(tmp.resolve("project"), folder.resolve("../sessions"))).isEqualTo(folder.toRealPath());
    }

    @Test
    void aFileNamedDirectlyIsReadEvenThroughALink() throws IOException {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path target = Files.copy(fixture("goose-jsonl/20241120_090000.jsonl"), elsewhere.resolve("20241120_090000.jsonl"));
        Path link = Files.createSymbolicLink(Files.createDirectories(tmp.resolve("links")).resolve("20241120_090000.jsonl"), target);

        ImportReport report = importPath(store, link, ImportOptions.defaults());

        assertThat(report.imported()).isEqualTo(1);
    }

    @Test
    void aDetectedFileThatLinksOutsideTheFolderIsRefused() throws IOException {
        Path export = Files.createDirectories(tmp.resolve("chatgpt-export"));
        Path outside = Files.copy(fixture("chatgpt/conversations.json"), tmp.resolve("elsewhere.json"));
        Files.createSymbolicLink(export.resolve("conversations.json"), outside);

        ImportReport report = importPath(store, export, ImportOptions.defaults());

        assertThat(report.imported()).isZero();
        assertThat(report.skipped()).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("conversations.json");
            assertThat(p.reason()).contains("symbolic link").contains("outside");
        });
        assertThat(sessionCount(store)).isZero();
    }
}
