package dev.sessiondesk.app.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.AllSessionsExporter;
import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.store.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportAllTest {
    @TempDir
    Path tmp;

    @Test
    void everySessionIsWrittenAsJsonAndMarkdownInPrivateFiles() throws Exception {
        Path out = tmp.resolve("exports/all");
        try (SessionDesk desk = SessionDesk.open(tmp.resolve("data"))) {
            List<String> ids = Seed.sessions(desk.store(), 3, 2, 0);
            desk.sessions().trash(ids.get(2));
            List<Double> progress = new ArrayList<>();
            AllSessionsExporter.Summary s = desk.exportAll().exportAll(out, (f, m) -> progress.add(f));

            assertThat(s.sessions()).isEqualTo(3);
            assertThat(progress).containsExactly(1.0 / 3, 2.0 / 3, 1.0);
            for (String id : ids) {
                JsonNode json = CanonicalJson.MAPPER.readTree(Files.readAllBytes(out.resolve(id + ".json")));
                assertThat(json.path("id").asText()).isEqualTo(id);
                assertThat(json.path("conversation")).hasSize(2);
                assertThat(Files.readString(out.resolve(id + ".md"))).contains("message 1 of session");
            }
            assertThat(Files.readString(out.resolve("index.md"))).contains("in the trash");
        }
        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(PrivateFiles.DIR);
        assertThat(Files.getPosixFilePermissions(out.getParent())).isEqualTo(PrivateFiles.DIR);
        try (var files = Files.list(out)) {
            assertThat(files.toList()).hasSize(7)
                    .allSatisfy(f -> assertThat(Files.getPosixFilePermissions(f)).isEqualTo(PrivateFiles.FILE));
        }
    }
}
