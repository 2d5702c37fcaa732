package dev.sessiondesk.app.importer.goose;

import static dev.sessiondesk.app.importer.ImportTestSupport.byRef;
import static dev.sessiondesk.app.importer.ImportTestSupport.fixture;
import static dev.sessiondesk.app.importer.ImportTestSupport.importPath;
import static dev.sessiondesk.app.importer.ImportTestSupport.messages;
import static dev.sessiondesk.app.importer.ImportTestSupport.sessionCount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.importer.ImportOptions;
import dev.sessiondesk.app.importer.ImportReport;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.TitleSource;
import dev.sessiondesk.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GooseExportImportTest {
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
    void readsTheNewShapeWithAUserSetNameUsageAndArchiveTime() throws IOException {
        ImportReport report = importPath(store, fixture("goose-export/export-new.json"), ImportOptions.defaults());

        assertThat(report.imported()).isEqualTo(1);
        Session s = byRef(store, "goose", "20250301_7");
        assertThat(s.title()).isEqualTo("Rename the landing page");
        assertThat(s.titleSource()).isEqualTo(TitleSource.USER);
        assertThat(s.workingDir()).isEqualTo("/home/ada/projects/site");
        assertThat(s.createdAt()).isEqualTo(Instant.parse("2025-03-01T09:30:00Z").toEpochMilli());
        assertThat(s.archivedAt()).isEqualTo(Instant.parse("2025-04-01T00:00:00Z").toEpochMilli());
        List<Message> m = messages(store, s);
        assertThat(m).extracting(Message::messageId).containsExactly("m1", "m2", "m3");
        assertThat(m.get(1).contentJson()).contains("\"status\":\"error\"").contains("\"signature\":\"sig==\"");
        assertThat(m.get(2).contentJson()).contains("systemNotification");
    }

    @Test
    void readsTheOldShapeWithDescriptionAndFlatTokens() throws IOException {
        importPath(store, fixture("goose-export/export-old.json"), ImportOptions.defaults());

        Session s = byRef(store, "goose", "20240615_2");
        assertThat(s.title()).isEqualTo("Old export with flat tokens");
        assertThat(s.titleSource()).isEqualTo(TitleSource.AUTO);
        assertThat(s.createdAt()).isEqualTo(Instant.parse("2024-06-15T08:00:00Z").toEpochMilli());
        assertThat(messages(store, s)).hasSize(2);
    }

    @Test
    void aMalformedMessageIsLocatedByLineAndJsonPathAndNothingIsImported() throws IOException {
        Path file = tmp.resolve("broken.json");
        Files.writeString(file, Files.readString(fixture("goose-export/export-old.json"))
                .replace("\"role\": \"assistant\"", "\"role\": 7"));

        ImportReport report = importPath(store, file, ImportOptions.defaults());

        assertThat(report.skipped()).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("broken.json:11:5");
            assertThat(p.reason()).startsWith("$.conversation[1].role:");
        });
        assertThat(sessionCount(store)).isZero();
    }

    @Test
    void anObjectWithoutConversationIsNotAnExport() throws IOException {
        Path file = tmp.resolve("other.json");
        Files.writeString(file, "{\"id\": \"x\", \"name\": \"not a session\"}");

        ImportReport report = importPath(store, file, ImportOptions.defaults());

        assertThat(report.skipped()).singleElement().satisfies(p -> assertThat(p.reason()).contains("$.conversation: missing"));
        assertThat(sessionCount(store)).isZero();
    }

    @Test
    void aTruncatedExportIsReportedWithItsPosition() throws IOException {
        Path file = tmp.resolve("cut.json");
        String whole = Files.readString(fixture("goose-export/export-new.json"));
        Files.writeString(file, whole.substring(0, whole.indexOf("\"m2\"")));

        ImportReport report = importPath(store, file, ImportOptions.defaults());

        assertThat(report.skipped()).singleElement().satisfies(p -> {
            assertThat(p.where()).startsWith("cut.json:");
            assertThat(p.reason()).contains("not valid JSON");
        });
        assertThat(sessionCount(store)).isZero();

        ImportReport partial = importPath(store, file, ImportOptions.defaults().withPartial(true));
        assertThat(partial.partial()).isEqualTo(1);
        assertThat(messages(store, byRef(store, "goose", "20250301_7"))).hasSize(1);
    }
}
