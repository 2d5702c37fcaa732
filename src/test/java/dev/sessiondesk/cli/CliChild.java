package dev.sessiondesk.cli;

import dev.sessiondesk.Launcher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code sessiondesk ARGS} in a real child JVM on the test classpath, with its stdin, stdout and stderr. */
final class CliChild implements AutoCloseable {
    final Process process;
    final PrintWriter in;
    final BufferedReader out;

    private CliChild(Process process) {
        this.process = process;
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static CliChild start(Path logDir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsessiondesk.logDir=" + logDir, "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName()));
        cmd.addAll(List.of(args));
        return new CliChild(new ProcessBuilder(cmd).start());
    }

    /** Runs to the end with no input; returns the exit code. */
    int finish() throws InterruptedException {
        in.close();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the child " + process.pid() + " did not finish in 120 s");
        }
        return process.exitValue();
    }

    String stderr() throws IOException {
        return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    String stdout() throws IOException {
        StringBuilder b = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            b.append(line).append('\n');
        }
        return b.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
