package dev.sessiondesk.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every benchmark, prints the results table and writes it to {@code target/bench/results.md}.
 * Run with {@code mvn -Pbench verify} (settings: see {@link BenchConfig}); {@code -Dbench.jfr=true}
 * also records a JFR profile to {@code target/bench/bench.jfr} to explain a missed target.
 * Exits 1 if a benchmark broke (its rows still appear, marked failed); a missed target is a result,
 * not an error.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    /** The benchmarks, in the order they run (small stores first, then the large one they share). */
    static List<Benchmark> benchmarks() {
        return List.of(
                new AppendLatencyBenchmark(),
                new RewriteComparisonBenchmark(),
                new CrossProcessVisibilityBenchmark(),
                new LargeStoreReadBenchmark(),
                new VerifyThroughputBenchmark(),
                new BackupStandInBenchmark(),
                new ColdStartBenchmark(),
                new ImportBenchmark(),
                new WindowHeapBenchmark(),
                new StreamingStallBenchmark(),
                new SessionOpenBenchmark(),
                new ApiLoadBenchmark(),
                new ApiWhileStreamingBenchmark());
    }

    /**
     * The benchmarks {@code -Dbench.only} names (comma-separated parts of their class names, e.g.
     * {@code ColdStart,Import}); all when it is not set. For re-measuring a few rows at full size.
     */
    static List<Benchmark> selected(List<Benchmark> all) {
        String only = System.getProperty("bench.only", "").strip();
        if (only.isEmpty()) {
            return all;
        }
        List<String> parts = java.util.Arrays.stream(only.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
        return all.stream().filter(b -> parts.stream().anyMatch(p -> b.getClass().getSimpleName().contains(p))).toList();
    }

    public static void main(String[] args) throws Exception {
        BenchConfig cfg = BenchConfig.fromSystemProperties();
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        Files.createDirectories(cfg.dir());
        Cleanup.deleteTree(cfg.dataDir());
        Files.createDirectories(cfg.dataDir());
        Recording jfr = cfg.jfr() ? startRecording(cfg.dir().resolve("bench.jfr")) : null;
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String loadBefore = Machine.loadAverage();
        long t0 = System.nanoTime();
        BenchContext ctx = new BenchContext(cfg, out);
        List<Figure> figures = new ArrayList<>();
        boolean broken = false;
        try {
            for (Benchmark b : selected(benchmarks())) {
                ctx.log("== " + b.name());
                long t = System.nanoTime();
                try {
                    figures.addAll(b.run(ctx));
                } catch (Exception | AssertionError e) {
                    broken = true;
                    LOG.error("benchmark '{}' failed", b.name(), e);
                    ctx.log("   FAILED: " + e);
                    for (Benchmark.PlannedRow row : b.plannedRows()) {
                        figures.add(Figure.failed(row.name(), row.target(), String.valueOf(e.getMessage())));
                    }
                }
                ctx.log(String.format("   done in %.0f s", (System.nanoTime() - t) / 1e9));
            }
        } finally {
            ctx.closeShared();
            if (jfr != null) {
                jfr.stop();
                jfr.close();
                ctx.log("JFR profile: " + cfg.dir().resolve("bench.jfr"));
            }
        }
        figures.addAll(PendingFigures.rows());
        String table = ResultTable.render(figures, Machine.describe(sqliteVersion()), cfg.describe(),
                command(),
                started, loadBefore, Machine.loadAverage(), (System.nanoTime() - t0) / 60e9, ctx.notes());
        Path results = cfg.resultsFile();
        Files.writeString(results, table, StandardCharsets.UTF_8);
        out.println();
        out.println(table);
        out.println("written to " + results.toAbsolutePath());
        writeChartAndReadme(cfg, figures, started, loadBefore, out);
        if (!cfg.keepData()) {
            Cleanup.deleteTree(cfg.dataDir());
        }
        System.exit(broken ? 1 : 0);
    }

    /**
     * The chart ({@code target/bench/results.png}); with {@code -Dbench.readme=true} also
     * {@code docs/bench/results.png} and the README's table, regenerated from this run's rows.
     */
    private static void writeChartAndReadme(BenchConfig cfg, List<Figure> figures, String started, String load,
                                            PrintStream out) throws java.io.IOException {
        String run = started.substring(0, 10) + (cfg.quick() ? " quick" : " full") + ", load " + load.split(" ")[0];
        Path chart = cfg.dir().resolve("results.png");
        ResultChart.write(figures, "SessionDesk bench " + run + ": figure and target ÷ same-run baseline", chart);
        out.println("chart: " + chart.toAbsolutePath());
        if (Boolean.parseBoolean(System.getProperty("bench.readme", "false"))) {
            Path readme = Path.of(System.getProperty("bench.readmeFile", "README.md"));
            Path docs = Files.createDirectories(readme.toAbsolutePath().getParent().resolve("docs/bench"));
            Files.copy(chart, docs.resolve("results.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            ReadmeTable.update(readme, figures.stream().filter(f -> f.status() != Figure.Status.NOT_MEASURED).toList(),
                    run, "docs/bench/results.png");
            out.println("README table regenerated: " + readme.toAbsolutePath());
        }
    }

    /** The command that reproduces this run: the Maven profile plus every setting that was given. */
    private static String command() {
        StringBuilder sb = new StringBuilder("mvn -Pbench verify");
        for (String name : List.of("quick", "seed", "sessions", "messages", "longSession", "appendSamples",
                "rewriteAppendSamples", "visibilitySamples", "readRepeats", "verifyBytes", "backupRepeats", "only", "hog",
                "readme")) {
            String v = System.getProperty("bench." + name);
            if (v != null && !v.isBlank()) {
                sb.append(" -Dbench.").append(name).append('=').append(v.strip());
            }
        }
        return sb.toString();
    }

    private static Recording startRecording(Path file) throws Exception {
        Recording r = new Recording(Configuration.getConfiguration("profile"));
        r.setDestination(file);
        r.setToDisk(true);
        r.start();
        return r;
    }

    private static String sqliteVersion() {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:")) {
            return RawSqlite.version(c);
        } catch (java.sql.SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
