package dev.sessiondesk.bench;

import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.store.Store;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Time from {@code append} returning until another process sees the row. The other process is a
 * {@link VisibilityProbe} JVM polling the file with its own connection; it reports what it saw on its
 * stdout, and this process stamps each report on arrival with its own clock, so no cross-process
 * clock is needed. That includes the pipe's delivery time; the baseline is the same pipe's ping/pong
 * round trip, measured alternately in the same run.
 */
final class CrossProcessVisibilityBenchmark implements Benchmark {
    private static final String ROW = "`append` returned → another process sees the row, p99";
    private static final Target TARGET = Target.millisAtMost(50);

    @Override
    public String name() {
        return "cross-process visibility";
    }

    @Override
    public List<PlannedRow> plannedRows() {
        return List.of(new PlannedRow(ROW, TARGET));
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        BenchConfig cfg = ctx.config();
        Path dir = ctx.workDir("visibility");
        Samples visible = new Samples();
        Samples pipe = new Samples();
        int warmup = 20;
        try (Store store = Store.open(dir.resolve("store"))) {
            CorpusSeeder seeder = new CorpusSeeder(cfg.seed());
            String session = seeder.writeSession(store, 11, 50).id();
            List<NewMessage> messages = seeder.generator().conversation(11, 50, warmup + cfg.visibilitySamples());
            Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Xmx64m",
                    "-Dsessiondesk.logDir=" + cfg.dir().resolve("logs").toAbsolutePath(),
                    VisibilityProbe.class.getName(), store.dbFile().toString(), session)
                    .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("probe-stderr.txt").toFile()))
                    .start();
            Map<String, Long> arrivals = new ConcurrentHashMap<>();
            Thread reader = new Thread(() -> readReports(probe, arrivals), "probe-reader");
            reader.setDaemon(true);
            reader.start();
            try (Writer toProbe = new OutputStreamWriter(probe.getOutputStream(), StandardCharsets.UTF_8)) {
                await(arrivals, "ready 50", probe);
                SplittableRandom jitter = new SplittableRandom(cfg.seed());
                for (int i = 0; i < warmup + cfg.visibilitySamples(); i++) {
                    boolean measured = i >= warmup;
                    int seq = store.messages().append(session, messages.get(i)).seq();
                    long returned = System.nanoTime();
                    long seen = await(arrivals, "seen " + seq, probe);
                    if (measured) {
                        // The probe may see the commit before append's caller hears back: that is 0, not negative.
                        visible.add(Math.max(0, seen - returned));
                    }
                    long p0 = System.nanoTime();
                    toProbe.write("ping " + i + "\n");
                    toProbe.flush();
                    long pong = await(arrivals, "pong " + i, probe);
                    if (measured) {
                        pipe.add(pong - p0);
                    }
                    // Irregular gaps, like a person typing, so polls and commits do not fall into lockstep.
                    TimeUnit.MICROSECONDS.sleep(2_000 + jitter.nextInt(8_000));
                }
            } finally {
                if (!probe.waitFor(10, TimeUnit.SECONDS)) {
                    probe.destroy();
                }
            }
        }
        ctx.note(String.format("Cross-process: %,d appends, each awaited by a probe JVM polling every %d ms with its own"
                        + " read-only connection; visibility p50 %s, max %s; pipe round trip p50 %s.",
                cfg.visibilitySamples(), VisibilityProbe.POLL_NANOS / 1_000_000, Format.ms(visible.medianMillis()),
                Format.ms(visible.maxMillis()), Format.ms(pipe.medianMillis())));
        return List.of(Figure.measured(ROW, Format.ms(visible.p99Millis()), visible.p99Millis(),
                "stdout pipe round trip p99 " + Format.ms(pipe.p99Millis()), visible.p99Millis() / pipe.p99Millis(),
                TARGET, null));
    }

    private static void readReports(Process probe, Map<String, Long> arrivals) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                arrivals.putIfAbsent(line.strip(), System.nanoTime());
            }
        } catch (java.io.IOException e) {
            arrivals.put("closed", System.nanoTime());
        }
    }

    /** Waits (spinning briefly, then parking) for a report line; returns its arrival time. */
    private static long await(Map<String, Long> arrivals, String line, Process probe) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Long at = arrivals.get(line);
            if (at != null) {
                return at;
            }
            if (!probe.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the probe process never reported \"" + line + "\" (alive: "
                        + probe.isAlive() + "); see probe-stderr.txt");
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(50_000);
        }
    }
}
