package dev.sessiondesk.torture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a real second JVM on the test classpath (surefire runs with a real classpath), with flags
 * that make it start fast: the torture restarts a child hundreds of times.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    static ProcessBuilder builder(Path logDir, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Xshare:auto");
        cmd.add("-Xmx256m");
        cmd.add("-Djava.awt.headless=true");
        // Logs of the child go beside the test's files, never into the data folder under test.
        cmd.add("-Dsessiondesk.logDir=" + logDir.toAbsolutePath());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    static Process start(Path logDir, String mainClass, String... args) throws IOException {
        return builder(logDir, mainClass, args).redirectErrorStream(false).start();
    }
}
