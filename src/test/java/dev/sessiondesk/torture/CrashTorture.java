package dev.sessiondesk.torture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.store.Store;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The crash-torture parent: runs {@link TortureChild} on one data folder, SIGKILLs it at random
 * moments, and after every kill checks the store with a fresh {@link Store} against everything the
 * child acknowledged. Deterministic in its choices for a seed (the kill moments race the child, so
 * a run is reproducible in what it tries, not in exactly where each kill lands).
 */
final class CrashTorture {

    record Summary(long seed, int kills, long operations, long messages, StoreInvariants.Verdict verdict,
                   long elapsedMs, long imports, long backups, long backupChecks, String restoreRaces,
                   int raceRounds, int rotationsCut) {
        String line() {
            return kills + " kills, " + operations + " operations acknowledged, " + verdict.lost + " lost, "
                    + verdict.mixedUpWindows + " mixed-up windows, " + verdict.chainErrors + " chain errors";
        }

        String details() {
            return "seed " + seed + ": " + messages + " messages acknowledged, " + verdict.misplaced
                    + " misplaced messages or titles, " + verdict.other + " other problems, " + imports + " imports and "
                    + backups + " backups acknowledged (backups verified " + backupChecks + " times after kills), "
                    + restoreRaces + ", " + rotationsCut + " rotations cut between a sidecar and its file, "
                    + elapsedMs / 1000 + " s";
        }
    }

    private final Path work;
    private final long seed;
    private final Random random;
    private final Path dataDir;
    private final Path logDir;
    private final ExpectedState expected = new ExpectedState();
    private final StoreInvariants.Verdict total = new StoreInvariants.Verdict();
    private ExpectedState.InFlight expectedInFlight;
    private int plannedKills;
    private int maxRunMs = 400;

    /** Backups the child acknowledged: each must still verify unless the rotation removed it. */
    private final java.util.Set<String> backups = new java.util.TreeSet<>();

    CrashTorture(Path work, long seed) {
        this.work = work;
        this.seed = seed;
        this.random = new Random(seed);
        this.dataDir = work.resolve("data");
        this.logDir = work.resolve("logs");
        expected.register("imported", (f, state) -> {
            f.path("sessions").forEach(s -> {
                state.sessions.add(s.asText());
                state.titles.remove(s.asText()); // the title the import chose is adopted when seen
            });
            f.path("items").forEach(state::message);
            imports++;
        });
        expected.register("backup", (f, state) -> backups.add(f.path("file").asText()));
        race = new RestoreRace(work, dataDir, logDir, random, expected, backups);
    }

    private final RestoreRace race;
    private int restoreEvery;

    /** After every {@code rounds}-th kill (half-way into each stretch), a restore races a writer; 0 for never. */
    CrashTorture restoreEvery(int rounds) {
        this.restoreEvery = rounds;
        return this;
    }

    /** The longest a child runs after it opened the store before it is killed. */
    CrashTorture maxRunMs(int ms) {
        this.maxRunMs = ms;
        return this;
    }

    private long deadlineNanos = Long.MAX_VALUE;
    private int progressEvery;

    /** Stops starting new rounds after {@code minutes} (a long run on a busy machine); the summary says how many ran. */
    CrashTorture timeBudgetMinutes(long minutes) {
        this.deadlineNanos = System.nanoTime() + minutes * 60_000_000_000L;
        return this;
    }

    /** Prints the summary so far every {@code rounds} kills. */
    CrashTorture progressEvery(int rounds) {
        this.progressEvery = rounds;
        return this;
    }

    Summary run(int kills) throws IOException, InterruptedException {
        plannedKills = kills;
        int done = 0;
        Files.createDirectories(logDir);
        Files.createDirectories(work.resolve("acks"));
        long start = System.nanoTime();
        try {
            for (int round = 1; round <= kills; round++) {
                long t0 = System.nanoTime();
                killOnce(round);
                long t1 = System.nanoTime();
                rotationMayBeCut = expectedInFlight != null && expectedInFlight.kind().equals("backup");
                StoreInvariants.Verdict v = checkStore();
                if (Boolean.getBoolean("sessiondesk.torture.verbose")) {
                    System.out.printf("round %d: child %d ms, check %d ms%n", round, (t1 - t0) / 1_000_000,
                            (System.nanoTime() - t1) / 1_000_000);
                }
                failUnlessOk(v, "kill " + round);
                if (restoreEvery > 0 && round % restoreEvery == restoreEvery / 2) {
                    long r0 = System.nanoTime();
                    StoreInvariants.Verdict raced = new StoreInvariants.Verdict();
                    expectedInFlight = race.run(round, raced);
                    rotationMayBeCut = race.restoreKilled; // its safety copy is a backup, rotation included
                    raced.add(checkStore());
                    race.elapsedMs += (System.nanoTime() - r0) / 1_000_000;
                    failUnlessOk(raced, "the restore race after kill " + round);
                }
                done = round;
                if (progressEvery > 0 && round % progressEvery == 0) {
                    System.out.println(summary(round, start).line() + " (so far, " + (System.nanoTime() - start) / 1_000_000_000
                            + " s)");
                }
                if (System.nanoTime() > deadlineNanos) {
                    break;
                }
            }
        } finally {
            for (Child c : warming) {
                c.process.destroyForcibly().waitFor();
            }
        }
        return summary(done, start);
    }

    private void failUnlessOk(StoreInvariants.Verdict v, String after) {
        total.add(v);
        if (!v.ok()) {
            throw new AssertionError("after " + after + " (seed " + seed + ", data in " + dataDir + "):\n  "
                    + String.join("\n  ", v.problems.subList(0, Math.min(20, v.problems.size()))));
        }
    }

    private Summary summary(int kills, long start) {
        return new Summary(seed, kills, expected.acknowledgedOperations, expected.acknowledgedMessages, total,
                (System.nanoTime() - start) / 1_000_000, imports, backups.size(), backupsChecked, race.summary(),
                race.rounds, rotationsCut);
    }

    /** A started child JVM, warmed up and waiting for {@code GO}. */
    private final class Child {
        final Process process;
        final long childSeed;
        final Path acks;
        final CountDownLatch warm = new CountDownLatch(1);
        final CountDownLatch ready = new CountDownLatch(1);
        final Thread reader;

        Child(int round) throws IOException {
            acks = work.resolve("acks").resolve(String.format("run-%05d.jsonl", round));
            childSeed = random.nextLong();
            process = ChildJvm.builder(logDir, TortureChild.class.getName(), dataDir.toString(), acks.toString(),
                            Long.toString(childSeed))
                    .redirectError(ProcessBuilder.Redirect.appendTo(logDir.resolve("child-stderr.txt").toFile()))
                    .start();
            reader = new Thread(this::readOutput, "torture-child-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        private void readOutput() {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.equals("WARM")) {
                        warm.countDown();
                    } else if (line.equals("READY")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the child was killed while its output was read: expected
            }
        }

        void go(int round) throws IOException, InterruptedException {
            if (!warm.await(120, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("the torture child did not start within 120 s (seed " + seed + ", round "
                        + round + "); see " + logDir.resolve("child-stderr.txt"));
            }
            process.getOutputStream().write("GO\n".getBytes(StandardCharsets.US_ASCII));
            process.getOutputStream().flush();
        }
    }

    /** Children started ahead, so JVM start-up overlaps the rounds before theirs. */
    private final java.util.ArrayDeque<Child> warming = new java.util.ArrayDeque<>();
    private static final int START_AHEAD = 2;

    private void killOnce(int round) throws IOException, InterruptedException {
        for (int r = round + warming.size(); warming.size() < START_AHEAD && r <= plannedKills; r++) {
            warming.addLast(new Child(r));
        }
        Child child = warming.removeFirst();
        boolean duringStartup = random.nextInt(8) == 0;
        int delayMs = duringStartup ? random.nextInt(300) : 5 + random.nextInt(maxRunMs);
        long warmStart = System.nanoTime();
        child.go(round);
        if (Boolean.getBoolean("sessiondesk.torture.verbose")) {
            System.out.printf("round %d: waited %d ms for a warm child%n", round, (System.nanoTime() - warmStart) / 1_000_000);
        }
        if (!duringStartup && !child.ready.await(60, TimeUnit.SECONDS)) {
            child.process.destroyForcibly().waitFor();
            throw new AssertionError("the torture child did not open the store within 60 s (seed " + seed + ", round "
                    + round + "); see " + logDir.resolve("child-stderr.txt"));
        }
        Thread.sleep(delayMs);
        if (!child.process.isAlive()) {
            throw new AssertionError("the torture child exited by itself with " + child.process.exitValue() + " (seed "
                    + seed + ", round " + round + ", child seed " + child.childSeed + "); see "
                    + logDir.resolve("child-stderr.txt"));
        }
        child.process.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
        child.process.waitFor();
        child.reader.join(5_000);
        if (round + warming.size() < plannedKills) {
            warming.addLast(new Child(round + warming.size() + 1)); // warms up while this round is checked
        }
        expectedInFlight = expected.foldRun(readFacts(child.acks));
    }

    /** The complete lines of an ack log; a line torn by the kill was never acknowledged. */
    static List<JsonNode> readFacts(Path acks) throws IOException {
        List<JsonNode> facts = new ArrayList<>();
        if (!Files.exists(acks)) {
            return facts;
        }
        String all = Files.readString(acks, StandardCharsets.UTF_8);
        int end = all.lastIndexOf('\n');
        if (end < 0) {
            return facts;
        }
        for (String line : all.substring(0, end).split("\n")) {
            facts.add(CanonicalJson.parse(line));
        }
        return facts;
    }

    private StoreInvariants.Verdict checkStore() {
        try (Store store = Store.open(dataDir)) {
            StoreInvariants.Snapshot seen = StoreInvariants.snapshot(store, ChildWorld.WINDOWS);
            StoreInvariants.Verdict v = StoreInvariants.check(store, seen, expected, expectedInFlight);
            StoreInvariants.adopt(seen, expected);
            checkBackups(v);
            return v;
        }
    }

    /** Every acknowledged backup still opens and its chains verify, or it is gone with its sidecar (rotated). */
    private void checkBackups(StoreInvariants.Verdict v) {
        Path folder = dataDir.resolve("backups");
        for (var it = backups.iterator(); it.hasNext(); ) {
            String name = it.next();
            Path file = folder.resolve(name);
            boolean sidecar = Files.exists(folder.resolve(name + ".json"));
            if (Files.exists(file) && !sidecar && rotationMayBeCut) {
                // The rotation deletes the sidecar first, then the file: killed in between, an uncounted file
                // is left (never a record without its file). Only a backup in flight rotates.
                rotationsCut++;
                it.remove();
                continue;
            }
            if (!Files.exists(file)) {
                if (sidecar) {
                    v.other++;
                    v.problems.add("acknowledged backup " + name + " is gone but its sidecar says it is there");
                }
                continue;
            }
            try (Store copy = Store.openReadOnly(file)) {
                var report = copy.verifier().verifyAll(false);
                if (!report.ok() || !sidecar) {
                    v.other++;
                    v.problems.add("acknowledged backup " + name + (sidecar ? "" : " lost its sidecar") + ": "
                            + report.sqliteCheck());
                }
            } catch (RuntimeException e) {
                v.other++;
                v.problems.add("acknowledged backup " + name + " cannot be read: " + e.getMessage());
            }
        }
        backupsChecked += backups.size();
    }

    private long backupsChecked;
    /** Whether the kill may have cut a backup's rotation between a sidecar and its file. */
    private boolean rotationMayBeCut;
    private int rotationsCut;
    private long imports;

    /** {@code CrashTorture WORK_DIR KILLS [SEED [MAX_RUN_MS [MINUTES]]]}: a long run from the command line. */
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int kills = Integer.parseInt(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : System.nanoTime();
        int maxRunMs = args.length > 3 ? Integer.parseInt(args[3]) : 400;
        CrashTorture torture = new CrashTorture(work, seed).maxRunMs(maxRunMs).progressEvery(25).restoreEvery(10);
        if (args.length > 4) {
            torture.timeBudgetMinutes(Long.parseLong(args[4]));
        }
        Summary s = torture.run(kills);
        System.out.println(s.line());
        System.out.println(s.details());
    }
}
