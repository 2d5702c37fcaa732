package dev.sessiondesk.app.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.importer.agent.WatchedProjects;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.Migration;
import dev.sessiondesk.store.Schema;
import dev.sessiondesk.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store written by the previous version (schema 2) gains the import tables and keeps its sessions. */
class ImportTablesMigrationTest {
    @TempDir
    Path tmp;

    @Test
    void migratesAVersion2StoreWithoutTouchingItsSessions() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path db = data.resolve(Store.FILE_NAME);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.setAutoCommit(false);
            for (Migration m : Schema.MIGRATIONS) {
                if (m.version() <= 2) {
                    m.apply().run(c);
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA user_version = 2");
                s.execute("INSERT INTO schema_history VALUES (1, 'v1', 0, 'old'), (2, 'v2', 0, 'old')");
                s.execute("INSERT INTO sessions(id, title, title_source, created_at, updated_at, last_activity, head_hash)"
                        + " VALUES ('s-1', 'kept', 'user', 1, 1, 1, '" + "0".repeat(64) + "')");
            }
            c.commit();
        }
        List<String> backups = new ArrayList<>();

        try (Store store = Store.open(data, Store.Options.defaults()
                .withMigrationHook((file, from, to) -> backups.add(from + "->" + to)))) {
            assertThat(store.schemaVersion()).isEqualTo(Schema.CURRENT).isGreaterThanOrEqualTo(3);
            assertThat(backups).containsExactly("2->" + Schema.CURRENT);
            Session kept = store.sessions().get("s-1").orElseThrow();
            assertThat(kept.title()).isEqualTo("kept");
            List<String> tables = store.reader().read("list tables", c -> {
                List<String> out = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            });
            assertThat(tables).contains("session_imports", "watched_projects", "agent_sessions");
            new WatchedProjects(store).add(tmp);
            assertThat(new WatchedProjects(store).list()).containsExactly(tmp.toRealPath());
        }
    }
}
