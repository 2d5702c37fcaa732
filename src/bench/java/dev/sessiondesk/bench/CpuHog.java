package dev.sessiondesk.bench;

import java.io.IOException;

/**
 * A shell busy loop keeping one core busy while it is open: the "another program is using the CPU"
 * variant of a figure. {@code -Dbench.hog=true} asks the benchmarks that offer it for that variant.
 */
final class CpuHog implements AutoCloseable {
    private final Process process;

    private CpuHog(Process process) {
        this.process = process;
    }

    static CpuHog start() throws IOException {
        return new CpuHog(new ProcessBuilder("sh", "-c", "while :; do :; done").redirectErrorStream(true).start());
    }

    /** Whether this run asked for the hog variant ({@code -Dbench.hog=true}). */
    static boolean requested() {
        return Boolean.parseBoolean(System.getProperty("bench.hog", "false").strip());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }
}
