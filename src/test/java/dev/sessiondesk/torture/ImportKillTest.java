package dev.sessiondesk.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.Launcher;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.SessionQuery;
import dev.sessiondesk.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import SIGKILLed at random moments (P8): every session in the store is whole, every chain
 * verifies, and importing the same folder again finishes the job without a single duplicate.
 */
class ImportKillTest {
    private static final int SESSIONS = 3_000;
    private static final int MESSAGES_EACH = 6;
    private static final int KILLS = 3;

    @TempDir
    Path tmp;

    @Test
    void anImportKilledAnywhereLeavesOnlyWholeSessionsAndFinishesOnTheNextRun() throws Exception {
        long seed = Long.getLong("sessiondesk.torture.seed", System.nanoTime());
        Random r = new Random(seed);
        Path folder = Files.createDirectories(tmp.resolve("goose"));
        for (int s = 0; s < SESSIONS; s++) {
            StringBuilder file = new StringBuilder("{\"description\":\"imported " + s + "\"}\n");
            for (int m = 0; m < MESSAGES_EACH; m++) {
                file.append("{\"role\":\"").append(m % 2 == 0 ? "user" : "assistant").append("\",\"created\":")
                        .append(1704110400 + m).append(",\"content\":[{\"type\":\"text\",\"text\":\"")
                        .append(TortureFiles.bigText(r, 400)).append("\"}]}\n");
            }
            Files.writeString(folder.resolve(String.format("20240101_%06d.jsonl", s)), file.toString());
        }
        Path data = tmp.resolve("data");
        try (Store store = Store.open(data)) {
            TortureFiles.seed(store, 3, seed); // something that was there before must stay
        }
        int before = 0;
        List<Integer> seen = new java.util.ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = importer(data, folder).start();
            Thread.sleep(900 + r.nextInt(2_500)); // JVM start-up, then somewhere inside the import
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int now = checkWhole(data, seed);
            assertThat(now).as("seed %d: sessions never disappear", seed).isGreaterThanOrEqualTo(before);
            before = now;
            seen.add(now);
        }
        Process last = importer(data, folder).start();
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).as(new String(last.getErrorStream().readAllBytes())).isZero();
        assertThat(checkWhole(data, seed)).isEqualTo(SESSIONS);
        System.out.println("import kills: " + KILLS + ", whole sessions after each kill " + seen + " of " + SESSIONS + ", seed " + seed);
    }

    private ProcessBuilder importer(Path data, Path folder) {
        return ChildJvm.builder(tmp.resolve("logs"), Launcher.class.getName(), "--data-dir", data.toString(),
                        "import", folder.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }

    /** Returns how many imported sessions there are, after checking each is whole and every chain verifies. */
    private static int checkWhole(Path data, long seed) {
        try (Store store = Store.open(data)) {
            List<Session> imported = store.sessions().list(SessionQuery.all()).stream()
                    .filter(s -> s.title().startsWith("imported ")).toList();
            for (Session s : imported) {
                assertThat(s.messageCount()).as("seed %d: %s is whole", seed, s.title()).isEqualTo(MESSAGES_EACH);
            }
            assertThat(imported.stream().map(Session::title).distinct().count())
                    .as("seed %d: no session imported twice", seed).isEqualTo(imported.size());
            var report = store.verifier().verifyAll(false);
            assertThat(report.ok()).as("seed %d: %s %s", seed, report.sqliteCheck(), report.problems()).isTrue();
            return imported.size();
        }
    }
}
