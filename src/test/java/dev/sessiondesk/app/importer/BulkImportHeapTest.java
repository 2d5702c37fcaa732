package dev.sessiondesk.app.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.store.Store;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 8,000 small Goose session files imported in one go by the real CLI in a child JVM with a 64 MB
 * heap: the import streams one session at a time, so it must finish without running out of memory.
 * Prints the time taken (a figure, not an assertion: speed is for benchmarks).
 */
class BulkImportHeapTest {
    private static final int SESSIONS = 8_000;

    @TempDir
    Path tmp;

    @Test
    void importsEightThousandSessionsUnderA64MegabyteHeap() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("goose-sessions"));
        for (int i = 0; i < SESSIONS; i++) {
            try (BufferedWriter w = Files.newBufferedWriter(source.resolve(String.format("20240101_%05d.jsonl", i)),
                    StandardCharsets.UTF_8)) {
                w.write("{\"description\":\"session " + i + "\",\"working_dir\":\"/tmp/p" + (i % 7) + "\"}\n");
                w.write("{\"role\":\"user\",\"created\":" + (1704110400 + i * 10)
                        + ",\"content\":[{\"type\":\"text\",\"text\":\"question " + i + "\"}]}\n");
                w.write("{\"role\":\"assistant\",\"created\":" + (1704110401 + i * 10)
                        + ",\"content\":[{\"type\":\"text\",\"text\":\"answer " + i + "\"}]}\n");
            }
        }
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out.txt");
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dsessiondesk.logDir=" + tmp.resolve("logs"),
                "-cp", System.getProperty("java.class.path"),
                "dev.sessiondesk.Launcher", "--data-dir", data.toString(), "import", source.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        long started = System.nanoTime();
        Process child = pb.start();
        boolean finished = child.waitFor(5, TimeUnit.MINUTES);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (!finished) {
            child.destroyForcibly();
        }
        String output = Files.readString(out);
        assertThat(finished).as("the import finished; output:\n" + output).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("OutOfMemoryError")
                .contains(SESSIONS + " session(s) imported, 0 already present");
        System.out.printf("bulk import: %d Goose sessions (%d messages) in %d ms with -Xmx64m%n",
                SESSIONS, 2 * SESSIONS, millis);

        try (Store store = Store.open(data)) {
            assertThat(store.sessions().count(true)).isEqualTo(SESSIONS);
            assertThat(store.messages().countAll()).isEqualTo(2L * SESSIONS);
            assertThat(ImportTestSupport.byRef(store, "goose", "20240101_07999").title()).isEqualTo("session 7999");
        }
    }

}
