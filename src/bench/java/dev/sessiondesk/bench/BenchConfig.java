package dev.sessiondesk.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sizes and repetitions, from system properties ({@code -Dbench.*}). The defaults are the sizes
 * (10,000 sessions / 1,000,000 messages) and take about 9–12 minutes on two shared cores, most of it
 * seeding; {@code -Dbench.messages=250000} halves that, {@code -Dbench.quick=true} shrinks everything
 * for development. A blank
 * property (as Maven forwards an unset one) means "use the default".
 */
public record BenchConfig(
        boolean quick,
        long seed,
        Path dir,
        boolean keepData,
        boolean jfr,
        int storeSessions,
        long storeMessages,
        int longSession,
        int appendSamples,
        int rewriteAppendSamples,
        int[] rewriteSizes,
        int[] rewriteSamples,
        int visibilitySamples,
        int readRepeats,
        long verifyBytes,
        int backupRepeats) {

    /** The size the issue asks for; the default run may be smaller (see {@link #storeMessages}). */
    public static final int TARGET_SESSIONS = 10_000;
    public static final long TARGET_MESSAGES = 1_000_000;

    public static BenchConfig fromSystemProperties() {
        boolean quick = Boolean.parseBoolean(prop("bench.quick", "false"));
        return new BenchConfig(
                quick,
                Long.parseLong(prop("bench.seed", "20260101")),
                Path.of(prop("bench.dir", "target/bench")),
                Boolean.parseBoolean(prop("bench.keepData", "false")),
                Boolean.parseBoolean(prop("bench.jfr", "false")),
                Integer.parseInt(prop("bench.sessions", quick ? "1000" : "10000")),
                Long.parseLong(prop("bench.messages", quick ? "30000" : "1000000")),
                Integer.parseInt(prop("bench.longSession", quick ? "2000" : "10000")),
                Integer.parseInt(prop("bench.appendSamples", quick ? "200" : "1000")),
                Integer.parseInt(prop("bench.rewriteAppendSamples", quick ? "40" : "200")),
                new int[] {100, 1_000, 10_000},
                quick ? new int[] {20, 8, 3} : new int[] {100, 30, 10},
                Integer.parseInt(prop("bench.visibilitySamples", quick ? "100" : "500")),
                Integer.parseInt(prop("bench.readRepeats", quick ? "20" : "60")),
                Long.parseLong(prop("bench.verifyBytes", quick ? "8000000" : "64000000")),
                Integer.parseInt(prop("bench.backupRepeats", quick ? "1" : "3")));
    }

    private static String prop(String name, String fallback) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? fallback : v.strip();
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    public Path resultsFile() {
        return dir.resolve("results.md");
    }

    /** The settings that shape the figures, for the report header. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mode", quick ? "quick (development sizes; figures not comparable)" : "full");
        m.put("seed", Long.toString(seed));
        m.put("large store", String.format("%,d sessions / %,d messages (one of %,d messages)", storeSessions,
                storeMessages, longSession));
        m.put("append samples", String.format("%,d (interleaved with the raw baseline)", appendSamples));
        m.put("cross-process samples", String.format("%,d", visibilitySamples));
        return m;
    }
}
