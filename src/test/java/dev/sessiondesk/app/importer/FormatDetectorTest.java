package dev.sessiondesk.app.importer;

import static dev.sessiondesk.app.importer.ImportTestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.importer.goose.GooseSessionsFinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatDetectorTest {
    @TempDir
    Path tmp;

    @Test
    void tellsEverySourceApartByContent() throws Exception {
        assertThat(FormatDetector.detect(fixture("goose-jsonl"), null))
                .containsExactly(new ImportJob(ImportFormat.GOOSE_JSONL, fixture("goose-jsonl")));
        assertThat(FormatDetector.detect(fixture("goose-export/export-old.json"), null))
                .extracting(ImportJob::format).containsExactly(ImportFormat.GOOSE_EXPORT);
        assertThat(FormatDetector.detect(fixture("chatgpt/conversations.json"), null))
                .extracting(ImportJob::format).containsExactly(ImportFormat.CHATGPT);
        assertThat(FormatDetector.detect(fixture("chatgpt"), null))
                .extracting(ImportJob::format).containsExactly(ImportFormat.CHATGPT);
        assertThat(FormatDetector.detect(fixture("agent-project"), null))
                .containsExactly(new ImportJob(ImportFormat.AGENTS, fixture("agent-project")));
        assertThat(FormatDetector.detect(fixture("agent-project/agents/sessions"), null))
                .extracting(ImportJob::format).containsExactly(ImportFormat.AGENTS);

        Path gooseHome = Files.createDirectories(tmp.resolve("goose/sessions"));
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + gooseHome.resolve("sessions.db"));
             var s = c.createStatement()) {
            s.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY)");
        }
        Files.copy(fixture("goose-jsonl/20241120_090000.jsonl"), gooseHome.resolve("20241120_090000.jsonl"));
        // A Goose data folder: the database first, then the legacy files.
        assertThat(FormatDetector.detect(gooseHome, null)).extracting(ImportJob::format)
                .containsExactly(ImportFormat.GOOSE_DB, ImportFormat.GOOSE_JSONL);
        Path renamedDb = Files.copy(gooseHome.resolve("sessions.db"), tmp.resolve("backup.bin"));
        assertThat(FormatDetector.detect(renamedDb, null)).extracting(ImportJob::format)
                .containsExactly(ImportFormat.GOOSE_DB);
        Path bom = Files.write(tmp.resolve("bom.json"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, ' ', '['});
        assertThat(FormatDetector.detect(bom, null)).extracting(ImportJob::format).containsExactly(ImportFormat.CHATGPT);
    }

    @Test
    void aGivenFormatWins() throws IOException {
        List<ImportJob> jobs = FormatDetector.detect(fixture("chatgpt"), ImportFormat.CHATGPT);
        assertThat(jobs).containsExactly(new ImportJob(ImportFormat.CHATGPT, fixture("chatgpt").resolve("conversations.json")));
        assertThat(ImportFormat.fromWire("goose-db")).isEqualTo(ImportFormat.GOOSE_DB);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ImportFormat.fromWire("word"))
                .hasMessageContaining("goose-jsonl, goose-db, goose-export, chatgpt, agents");
    }

    @Test
    void findsGooseAtItsDefaultPlaceOnlyWhenThereIsSomethingToImport() throws IOException {
        Path home = tmp.resolve("home");
        GooseSessionsFinder finder = new GooseSessionsFinder(java.util.Map.of(), home);
        assertThat(finder.find()).isEmpty();
        Path sessions = Files.createDirectories(home.resolve(".local/share/goose/sessions"));
        assertThat(finder.find()).as("an empty folder is nothing to offer").isEmpty();
        Files.copy(fixture("goose-jsonl/20241120_090000.jsonl"), sessions.resolve("20241120_090000.jsonl"));
        Files.writeString(sessions.resolve("sessions.db"), "");

        GooseSessionsFinder.Finding f = finder.find().orElseThrow();
        assertThat(f.folder()).isEqualTo(sessions);
        assertThat(f.database()).isEqualTo(sessions.resolve("sessions.db"));
        assertThat(f.legacyFiles()).isEqualTo(1);
        assertThat(f.describe()).contains("a session database and 1 older session file(s)");

        Path xdg = tmp.resolve("xdg");
        Files.createDirectories(xdg.resolve("goose/sessions"));
        Files.writeString(xdg.resolve("goose/sessions/sessions.db"), "");
        assertThat(new GooseSessionsFinder(java.util.Map.of("XDG_DATA_HOME", xdg.toString()), home).find())
                .get().extracting(GooseSessionsFinder.Finding::folder).isEqualTo(xdg.resolve("goose/sessions"));
    }
}
