package dev.sessiondesk.torture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.Launcher;
import dev.sessiondesk.app.backup.BackupFailedException;
import dev.sessiondesk.app.backup.BackupService;
import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One round of the crash schedule where a restore races a writer (issue 18 item 1, in the torture):
 * a child runs the real {@code restore --backup FILE} of an acknowledged, verified backup while a
 * {@link RestoreRaceWriter} child appends, and the parent SIGKILLs either at random moments.
 *
 * <p>Afterwards the store was swapped or it was not (the store file's identity says which: a restore
 * renames a new file over it, nothing else does). Not swapped: every acknowledged message is in the
 * live store, as always. Swapped: what the store had to hold before the round, and every message the
 * writer acknowledged before the restore, is in the restore's safety copy; the live store must hold
 * the backup's contents plus what the writer acknowledged after the restore, which becomes the
 * expected state from then on. Each writer acknowledgement is in exactly one of the two; one in
 * neither is a message acknowledged into a replaced file. A restore that exits non-zero must have
 * refused with a plain message and changed nothing; one that exits 0 must have swapped.
 */
final class RestoreRace {
    private static final Pattern SAVED_AS = Pattern.compile("the previous store was saved as (\\S+)");

    private final Path work;
    private final Path dataDir;
    private final Path logDir;
    private final Random random;
    private final ExpectedState expected;
    private final Set<String> backups;

    int rounds;
    int completed;
    int refused;
    int killedBeforeSwap;
    int killedAfterSwap;
    int writerAcks;
    int ackedAfterRestore;
    int inSafetyCopy;
    int writerRetries;
    int writerStopped;
    /** Time spent in the races and their store checks (what they add to a run). */
    long elapsedMs;
    /** Whether the last race killed the restore (perhaps inside its safety copy's rotation). */
    boolean restoreKilled;

    RestoreRace(Path work, Path dataDir, Path logDir, Random random, ExpectedState expected, Set<String> backups) {
        this.work = work;
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.random = random;
        this.expected = expected;
        this.backups = backups;
        expected.register("raceRefused", (f, state) -> writerRetries++);
    }

    String summary() {
        return rounds + " restores racing a writer (" + completed + " completed, " + refused + " refused, "
                + killedBeforeSwap + " killed before the swap, " + killedAfterSwap + " killed after it); the writer"
                + " acknowledged " + writerAcks + " messages (" + ackedAfterRestore + " into the restored store, "
                + inSafetyCopy + " found in the safety copy), waited out the restore's claim " + writerRetries
                + " times, stopped with an error " + writerStopped + " times, in " + elapsedMs / 1000 + " s";
    }

    /** Runs one race and checks it; returns the operation that may have been in flight for the store check. */
    ExpectedState.InFlight run(int n, StoreInvariants.Verdict v) throws IOException, InterruptedException {
        rounds++;
        restoreKilled = false;
        Path dir = Files.createDirectories(work.resolve("race").resolve("round-" + n));
        Path db = dataDir.resolve(Store.FILE_NAME);
        Path source = dir.resolve("backup.db");
        StoreInvariants.Snapshot restoring = pickBackup(source);
        String session = writerSession(restoring);
        if (session == null) { // every session is in the trash somewhere: one made now has them as they are
            restoring = freshBackup(source);
            session = writerSession(restoring);
        }
        if (session == null) {
            rounds--;
            return null; // nothing to write to outside the trash: no race this time
        }
        Object identity = identity(db);
        Set<String> backupsBefore = backupFiles();
        Path acks = dir.resolve("writer-acks.jsonl");
        Process writer = ChildJvm.builder(logDir, RestoreRaceWriter.class.getName(), dataDir.toString(), session,
                        acks.toString(), Long.toString(random.nextLong()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("writer-stderr.txt").toFile()).start();
        awaitWriterUnlessRacingItsStart(writer, acks);
        Process restore = ChildJvm.builder(logDir, Launcher.class.getName(), "--data-dir", dataDir.toString(),
                        "restore", "--backup", source.toString())
                .redirectOutput(dir.resolve("restore-stdout.txt").toFile())
                .redirectError(dir.resolve("restore-stderr.txt").toFile()).start();
        restoreKilled = race(writer, acks, restore);
        String out = Files.readString(dir.resolve("restore-stdout.txt"), StandardCharsets.UTF_8);
        String err = Files.readString(dir.resolve("restore-stderr.txt"), StandardCharsets.UTF_8);
        String where = "restore race " + n + " (" + dir + ")";
        if (!Files.isRegularFile(db)) {
            v.lost++;
            v.problems.add(where + ": the store file is gone");
            return null;
        }
        boolean swapped = !identity.equals(identity(db));
        checkRestoreExit(restore, restoreKilled, swapped, out, err, where, v);
        checkWriterExit(writer, dir, where, v);
        List<JsonNode> facts = CrashTorture.readFacts(acks);
        if (!swapped) {
            for (JsonNode f : facts) {
                writerAcks += f.path("t").asText().equals("msg") ? 1 : 0;
            }
            return expected.foldRun(facts);
        }
        Path safety = safetyCopy(restoreKilled, out, backupsBefore);
        if (safety == null) {
            v.lost++;
            v.problems.add(where + ": the store was swapped but no safety copy of the previous store was made");
            return null;
        }
        if (!restoreKilled) {
            backups.add(safety.getFileName().toString()); // printed, so acknowledged: checked after every later kill
        }
        StoreInvariants.Snapshot before;
        try (Store copy = Store.openReadOnly(safety)) {
            StoreReport report = copy.verifier().verifyAll(false);
            if (!report.ok()) {
                v.chainErrors++;
                v.problems.add(where + ": the safety copy " + safety + " does not verify: " + report.problems());
            }
            before = StoreInvariants.snapshot(copy, ChildWorld.WINDOWS);
        }
        StoreInvariants.Snapshot live;
        try (Store now = Store.openReadOnly(db)) {
            live = StoreInvariants.snapshot(now, ChildWorld.WINDOWS);
        }
        keptInSafetyCopy(before, safety, where, v);
        expected.forgetStoreContents();
        StoreInvariants.adopt(restoring, expected);
        List<JsonNode> afterRestore = new ArrayList<>();
        for (JsonNode f : facts) {
            if (!f.path("t").asText().equals("msg")) {
                afterRestore.add(f);
                continue;
            }
            writerAcks++;
            boolean inLive = holds(live, f);
            boolean inSafety = holds(before, f);
            if (inLive && inSafety) {
                v.other++;
                v.problems.add(where + ": acknowledged message " + f + " is both in the restored store and in the"
                        + " safety copy");
            } else if (inLive) {
                ackedAfterRestore++;
                afterRestore.add(f);
            } else if (inSafety) {
                inSafetyCopy++;
                expected.acknowledgedMessages++;
            } else {
                v.lost++;
                v.problems.add(where + ": acknowledged message " + f.path("seq").asInt() + " of session " + session
                        + " is neither in the restored store nor in the safety copy " + safety);
            }
        }
        ExpectedState.InFlight flying = expected.foldRun(afterRestore);
        completed += restoreKilled ? 0 : 1;
        killedAfterSwap += restoreKilled ? 1 : 0;
        return flying;
    }

    /**
     * Kills the restore and the writer at seeded moments (or lets the restore end); true if it killed the
     * restore. Unless killed early, the writer goes on until it has finished an operation after the
     * restore ended (so a completed restore is followed by writes into the restored store), and a little more.
     */
    private boolean race(Process writer, Path writerAcks, Process restore) throws InterruptedException, IOException {
        long killRestoreAt = random.nextBoolean() ? 100 + random.nextInt(1_600) : -1;
        long killWriterAt = random.nextInt(4) == 0 ? random.nextInt(2_500) : -1;
        long writerGrace = random.nextInt(400);
        long t0 = System.nanoTime();
        long restoreEnd = -1;
        int endsAtRestoreEnd = -1;
        long writerDone = -1;
        boolean restoreKilled = false;
        while (restore.isAlive() || writer.isAlive()) {
            long t = (System.nanoTime() - t0) / 1_000_000;
            if (restore.isAlive() && killRestoreAt >= 0 && t >= killRestoreAt) {
                restore.destroyForcibly().waitFor();
                restoreKilled = true;
            }
            if (!restore.isAlive() && restoreEnd < 0) {
                restoreEnd = t;
                endsAtRestoreEnd = operationsEnded(writerAcks);
            }
            if (writerDone < 0 && restoreEnd >= 0 && (operationsEnded(writerAcks) > endsAtRestoreEnd
                    || t > restoreEnd + 10_000)) {
                writerDone = t;
            }
            if (writer.isAlive() && ((killWriterAt >= 0 && t >= killWriterAt)
                    || (writerDone >= 0 && t >= writerDone + writerGrace))) {
                writer.destroyForcibly().waitFor();
            }
            if (t > 120_000) {
                restore.destroyForcibly().waitFor();
                writer.destroyForcibly().waitFor();
                throw new AssertionError("a restore race did not end within 120 s; see " + logDir);
            }
            Thread.sleep(10);
        }
        return restoreKilled;
    }

    /** How many operations the writer finished (acknowledged to the end, or refused) so far. */
    private static int operationsEnded(Path acks) throws IOException {
        if (!Files.exists(acks)) {
            return 0;
        }
        String all = Files.readString(acks, StandardCharsets.UTF_8);
        int n = 0;
        for (int i = all.indexOf("\"end\":true"); i >= 0; i = all.indexOf("\"end\":true", i + 1)) {
            n++;
        }
        return n;
    }

    /** Half the time the restore starts once the writer is writing (it lands in a write or in a pause). */
    private void awaitWriterUnlessRacingItsStart(Process writer, Path acks) throws IOException, InterruptedException {
        if (random.nextBoolean()) {
            return;
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (writer.isAlive() && operationsEnded(acks) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private void checkRestoreExit(Process restore, boolean killed, boolean swapped, String out, String err,
                                  String where, StoreInvariants.Verdict v) {
        if (killed) {
            killedBeforeSwap += swapped ? 0 : 1;
            return;
        }
        int code = restore.exitValue();
        if (code == 0 && !swapped) {
            v.other++;
            v.problems.add(where + ": restore exited 0 but the store was not swapped: " + out + err);
        } else if (code != 0 && swapped) {
            v.other++;
            v.problems.add(where + ": restore exited " + code + " but the store was swapped: " + err);
        } else if (code != 0) {
            refused++;
            String lower = err.toLowerCase(java.util.Locale.ROOT);
            if (!lower.contains("not changed") && !lower.contains("will not restore") || err.contains("\tat ")) {
                v.other++;
                v.problems.add(where + ": restore exited " + code + " without a plain refusal: " + err);
            }
        }
    }

    private void checkWriterExit(Process writer, Path dir, String where, StoreInvariants.Verdict v) throws IOException {
        if (writer.exitValue() == 137) { // SIGKILLed by us, the normal end
            return;
        }
        String err = Files.readString(dir.resolve("writer-stderr.txt"), StandardCharsets.UTF_8);
        if (writer.exitValue() == RestoreRaceWriter.REFUSED_EXIT && !err.contains("\tat ")) {
            writerStopped++; // refused instead of acknowledging: allowed, and counted
            return;
        }
        v.other++;
        v.problems.add(where + ": the writer exited " + writer.exitValue() + ": " + err);
    }

    /** Everything the store had to hold before the round is in the safety copy the restore made of it. */
    private void keptInSafetyCopy(StoreInvariants.Snapshot copy, Path safety, String where, StoreInvariants.Verdict v) {
        for (String s : expected.sessions) {
            if (!copy.sessions().containsKey(s)) {
                v.lost++;
                v.problems.add(where + ": acknowledged session " + s + " is not in the safety copy " + safety);
            }
        }
        expected.messages.forEach((s, bySeq) -> bySeq.forEach((seq, want) -> {
            List<Message> list = copy.messages().get(s);
            if (list == null || list.size() < seq || !want.hash().equals(list.get(seq - 1).hash())) {
                v.lost++;
                v.problems.add(where + ": acknowledged message " + seq + " of session " + s + " is not in the safety"
                        + " copy " + safety);
            }
        }));
    }

    private static boolean holds(StoreInvariants.Snapshot snap, JsonNode msg) {
        List<Message> list = snap.messages().get(msg.path("s").asText());
        int seq = msg.path("seq").asInt();
        return list != null && seq >= 1 && list.size() >= seq && msg.path("hash").asText().equals(list.get(seq - 1).hash())
                && msg.path("canon").asText().equals(TortureText.canonical(list.get(seq - 1).body()));
    }

    /** A random acknowledged backup still there, copied out of reach of the rotation; else one made now. */
    private StoreInvariants.Snapshot pickBackup(Path source) throws IOException {
        Path folder = dataDir.resolve("backups");
        List<Path> there = new ArrayList<>();
        for (String name : backups) {
            Path file = folder.resolve(name);
            if (Files.isRegularFile(file) && Files.exists(folder.resolve(name + ".json"))) {
                there.add(file);
            }
        }
        if (there.isEmpty()) {
            return freshBackup(source);
        }
        Files.copy(there.get(random.nextInt(there.size())), source, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return snapshotOf(source);
    }

    private StoreInvariants.Snapshot freshBackup(Path source) throws IOException {
        try {
            Path made = new BackupService(dataDir).backup("torture restore source", Progress.NONE).file();
            backups.add(made.getFileName().toString());
            Files.copy(made, source, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (BackupFailedException e) {
            throw new IllegalStateException("the parent could not make a backup to restore: " + e.getMessage(), e);
        }
        return snapshotOf(source);
    }

    private static StoreInvariants.Snapshot snapshotOf(Path file) {
        try (Store copy = Store.openReadOnly(file)) {
            return StoreInvariants.snapshot(copy, ChildWorld.WINDOWS);
        }
    }

    /** A session outside the trash both in the backup and now, so the writer can append before and after. */
    private String writerSession(StoreInvariants.Snapshot backup) {
        List<String> ids = new ArrayList<>();
        for (Session s : backup.sessions().values()) {
            if (!s.inTrash() && expected.sessions.contains(s.id()) && !expected.trashed.contains(s.id())) {
                ids.add(s.id());
            }
        }
        ids.sort(null);
        return ids.isEmpty() ? null : ids.get(random.nextInt(ids.size()));
    }

    private Path safetyCopy(boolean restoreKilled, String out, Set<String> before) throws IOException {
        Matcher m = SAVED_AS.matcher(out);
        if (!restoreKilled && m.find()) {
            return Path.of(m.group(1));
        }
        Set<String> fresh = backupFiles();
        fresh.removeAll(before);
        fresh.removeIf(name -> !name.endsWith(".db"));
        return fresh.isEmpty() ? null : dataDir.resolve("backups").resolve(((TreeSet<String>) fresh).last());
    }

    private TreeSet<String> backupFiles() throws IOException {
        TreeSet<String> names = new TreeSet<>();
        Path folder = dataDir.resolve("backups");
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                files.forEach(p -> names.add(p.getFileName().toString()));
            }
        }
        return names;
    }

    private static Object identity(Path db) throws IOException {
        return Files.readAttributes(db, BasicFileAttributes.class).fileKey();
    }
}
