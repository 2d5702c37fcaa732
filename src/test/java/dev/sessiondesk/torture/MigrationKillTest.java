package dev.sessiondesk.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreReport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade killed at a random moment (P7): a schema-1 store with many messages is opened by a child
 * JVM, which migrates it to the current schema (building the full-text index over every message), and
 * is SIGKILLed. The store must be wholly at the old version or wholly at the new one, never between,
 * and every message and chain must be intact either way.
 */
class MigrationKillTest {
    private static final int MESSAGES = 1_500;
    private static final int KILLS = 3;

    @Test
    void aMigrationKilledAnywhereLeavesTheOldSchemaOrTheNewOneWhole(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("sessiondesk.torture.seed", System.nanoTime());
        Path template = dir.resolve("template");
        TortureFiles.Seeded seeded = schemaOneStore(template, seed);
        Random r = new Random(seed);
        int sawOld = 0;
        int sawNew = 0;
        for (int round = 0; round < KILLS; round++) {
            Path data = dir.resolve("round-" + round);
            Files.createDirectories(data);
            Files.copy(template.resolve(Store.FILE_NAME), data.resolve(Store.FILE_NAME), StandardCopyOption.COPY_ATTRIBUTES);
            killWhileOpening(dir, data, r.nextInt(1_500), seed);
            int version = rawCheck(data, seed);
            if (version == 1) {
                sawOld++;
            } else {
                sawNew++;
            }
            try (Store store = Store.open(data)) { // finishes (or redoes) the upgrade
                seeded.assertIntact(store);
                StoreReport report = store.verifier().verifyAll(false);
                assertThat(report.ok()).as("seed " + seed + ": " + report.sqliteCheck() + " " + report.problems()).isTrue();
            }
        }
        System.out.println("migration kills: " + KILLS + " (" + sawOld + " left at schema 1, " + sawNew
                + " at the current schema), seed " + seed);
    }

    /** A store as schema 1 left it: no full-text index, user_version 1. */
    private static TortureFiles.Seeded schemaOneStore(Path data, long seed) throws Exception {
        TortureFiles.Seeded seeded;
        try (Store store = Store.open(data)) {
            seeded = TortureFiles.seed(store, 5, seed);
            Random r = new Random(seed);
            for (int batch = 0; batch < MESSAGES / 100; batch++) {
                List<NewMessage> messages = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    messages.add(TortureText.message(r, seeded.sessionId(), Role.USER, "bulk " + batch + "." + i));
                }
                store.messages().appendAll(seeded.sessionId(), messages);
            }
            store.checkpoint();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Store.FILE_NAME));
             Statement s = c.createStatement()) {
            // Every table a later migration made goes, whatever later migrations exist.
            for (String table : tablesAddedAfterVersionOne(c)) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
            // …and every index and trigger a later migration put on schema 1's tables (forks' index, sync's triggers).
            List<String[]> later = new ArrayList<>();
            List<String> versionOne = new ArrayList<>();
            try (Connection memory = DriverManager.getConnection("jdbc:sqlite::memory:")) {
                dev.sessiondesk.store.Schema.MIGRATIONS.get(0).apply().run(memory);
                try (Statement m = memory.createStatement();
                     ResultSet rs = m.executeQuery("SELECT name FROM sqlite_master WHERE type IN ('index','trigger')")) {
                    while (rs.next()) {
                        versionOne.add(rs.getString(1));
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT type, name FROM sqlite_master WHERE type IN ('index','trigger')"
                    + " AND name NOT LIKE 'sqlite_%'")) {
                while (rs.next()) {
                    if (!versionOne.contains(rs.getString(2))) {
                        later.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            for (String[] item : later) {
                s.execute("DROP " + item[0].toUpperCase() + " IF EXISTS " + item[1]);
            }
            s.execute("DELETE FROM schema_history WHERE version > 1");
            s.execute("PRAGMA user_version = 1");
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        return seeded;
    }

    /** Tables of the current schema that schema 1 did not have (built fresh in memory to compare). */
    private static List<String> tablesAddedAfterVersionOne(Connection current) throws Exception {
        List<String> versionOne = new ArrayList<>();
        try (Connection memory = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            dev.sessiondesk.store.Schema.MIGRATIONS.get(0).apply().run(memory);
            versionOne.addAll(tableNames(memory));
        }
        List<String> added = new ArrayList<>(tableNames(current));
        added.removeAll(versionOne);
        added.removeIf(t -> t.startsWith("messages_fts_")); // FTS5 shadow tables go with their table
        return added;
    }

    private static List<String> tableNames(Connection c) throws Exception {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static void killWhileOpening(Path dir, Path data, int delayMs, long seed) throws Exception {
        Process child = ChildJvm.builder(dir.resolve("logs"), TortureChild.class.getName(), data.toString(),
                        dir.resolve("acks-" + data.getFileName() + ".jsonl").toString(), Long.toString(seed))
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child-stderr.txt").toFile())).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the child did not warm up; see " + dir.resolve("child-stderr.txt")).isEqualTo("WARM");
        child.getOutputStream().write("GO\n".getBytes(StandardCharsets.US_ASCII));
        child.getOutputStream().flush();
        Thread.sleep(delayMs);
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    /** Looks at the store with plain SQLite (opening a Store would migrate it) and returns its version. */
    private static int rawCheck(Path data, long seed) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Store.FILE_NAME));
             Statement s = c.createStatement()) {
            int version;
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                version = rs.getInt(1);
            }
            int ftsTables;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'messages_fts'")) {
                ftsTables = rs.getInt(1);
            }
            int history;
            try (ResultSet rs = s.executeQuery("SELECT max(version) FROM schema_history")) {
                history = rs.getInt(1);
            }
            assertThat(history).as("seed " + seed + ": schema_history agrees with user_version").isEqualTo(version);
            if (version == 1) {
                assertThat(ftsTables).as("seed " + seed + ": schema 1 has no full-text index").isZero();
            } else {
                assertThat(version).isEqualTo(dev.sessiondesk.store.Schema.CURRENT);
                assertThat(ftsTables).isEqualTo(1);
                try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM messages_fts),"
                        + " (SELECT count(*) FROM messages WHERE state <> 'streaming')")) {
                    assertThat(rs.getInt(1)).as("seed " + seed + ": every message indexed by the migration")
                            .isGreaterThanOrEqualTo(MESSAGES);
                }
            }
            return version;
        }
    }
}
