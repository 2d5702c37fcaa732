package dev.sessiondesk.torture;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.app.backup.BackupFailedException;
import dev.sessiondesk.app.backup.BackupRecord;
import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.app.importer.ImportOptions;
import dev.sessiondesk.app.importer.ImportProgress;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.SessionQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The operation kinds beyond the store's own (issue 18's torture): an import of a goose session file
 * and a verified backup, each racing the kill like every other kind. An import acknowledges the
 * session and every message it committed; a backup acknowledges its file, which must verify after
 * every later kill unless the rotation removed it with its sidecar.
 */
final class ImportAndBackupOperations {
    private ImportAndBackupOperations() {
    }

    static List<TortureOperation> all() {
        return List.of(new Import(), new Backup());
    }

    /** Imports a new goose JSONL session; idempotent on a re-run of the same file after a kill. */
    static final class Import implements TortureOperation {
        public String kind() {
            return "import";
        }

        public int weight() {
            return 5;
        }

        /** Imports have their own room, so new sessions filling up to MAX_SESSIONS never starve them. */
        public boolean applicable(ChildWorld w) {
            return w.sessionCount() < ChildWorld.MAX_SESSIONS + 4;
        }

        public void run(ChildWorld w) throws IOException {
            Path folder = Files.createDirectories(w.desk.store().dataDir().resolveSibling("imports"));
            int n = w.random.nextInt(1 << 30);
            Path file = folder.resolve(String.format("2024%02d%02d_%06d.jsonl", 1 + n % 12, 1 + n % 28, n % 240000));
            StringBuilder lines = new StringBuilder();
            for (int i = 2 + w.random.nextInt(4); i > 0; i--) {
                lines.append("{\"role\":\"").append(i % 2 == 0 ? "user" : "assistant").append("\",\"created\":")
                        .append(1_700_000_000L + w.random.nextInt(1_000_000)).append(",\"content\":[{\"type\":\"text\",\"text\":\"")
                        .append("imported ").append(TortureText.words(w.random, 3 + w.random.nextInt(8))).append("\"}]}\n");
            }
            Files.writeString(file, lines, StandardCharsets.UTF_8);
            Set<String> before = ids(w);
            long op = w.acks.intent(kind(), null, null);
            w.desk.importer().importPath(file, ImportOptions.defaults(), ImportProgress.NONE);
            Set<String> added = ids(w);
            added.removeAll(before);
            ObjectNode f = AckLog.fact("imported");
            ArrayNode sessions = f.putArray("sessions");
            ArrayNode items = f.putArray("items");
            for (String s : added) {
                w.live.add(s);
                sessions.add(s);
                for (Message m : w.desk.store().messages().list(s)) {
                    ObjectNode msg = AckLog.fact("msg");
                    msg.put("s", s);
                    msg.put("seq", m.seq());
                    msg.put("canon", TortureText.canonical(m.body()));
                    msg.put("hash", m.hash());
                    items.add(msg);
                }
            }
            w.acks.ack(op, f, true);
        }

        private static Set<String> ids(ChildWorld w) {
            Set<String> out = new HashSet<>();
            for (Session s : w.desk.sessions().list(SessionQuery.all())) {
                out.add(s.id());
            }
            return out;
        }
    }

    /** A verified backup while nothing else in this process writes (the kill races the copy and the check). */
    static final class Backup implements TortureOperation {
        public String kind() {
            return "backup";
        }

        public int weight() {
            return 5;
        }

        public void run(ChildWorld w) throws IOException {
            long op = w.acks.intent(kind(), null, null);
            BackupRecord made;
            try {
                made = w.desk.backups().backup("torture", Progress.NONE);
            } catch (BackupFailedException e) {
                throw new IllegalStateException("a backup failed in the torture child: " + e.getMessage(), e);
            }
            ObjectNode f = AckLog.fact("backup");
            f.put("file", made.file().getFileName().toString());
            f.put("sessions", made.sessionCount());
            w.acks.ack(op, f, true);
        }
    }
}
