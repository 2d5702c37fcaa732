package dev.sessiondesk.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one probe class in a fresh JVM on this classpath and collects what it reports: each stdout
 * line {@code key value} becomes an entry. The child's stderr goes to a file in the benchmark's work
 * folder, so a failure can be read afterwards. GUI probes get the same headless Monocle flags as the
 * surefire argLine in the pom.
 */
final class ChildJvm {
    /** The pom's {@code headless.argLine}: JavaFX without a display. */
    static final List<String> HEADLESS_FX = List.of("-Dtestfx.headless=true", "-Dprism.order=sw",
            "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Djava.awt.headless=true", "-Dprism.text=t2k");

    private ChildJvm() {
    }

    /** What a finished child reported, with the parent's wall clock just before it was started. */
    record Run(long startedEpochMillis, Map<String, String> reports, int exitCode) {
        long millis(String key) {
            return Long.parseLong(require(key));
        }

        double number(String key) {
            return Double.parseDouble(require(key));
        }

        String require(String key) {
            String v = reports.get(key);
            if (v == null) {
                throw new IllegalStateException("the child JVM did not report '" + key + "' (exit " + exitCode
                        + ", reported " + reports.keySet() + ")");
            }
            return v;
        }
    }

    static Run run(BenchContext ctx, Path workDir, String label, String heap, boolean gui, Class<?> main,
                   List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
        return run(ctx, workDir, label, heap, gui, List.of(), main, args, timeoutSeconds);
    }

    /**
     * The same with JVM options of the caller's (e.g. a class-data-sharing archive) before the class path;
     * a {@code -cp} among them replaces this JVM's class path.
     */
    static Run run(BenchContext ctx, Path workDir, String label, String heap, boolean gui, List<String> jvmOptions,
                   Class<?> main, List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
        return run(ctx, workDir, label, heap, gui, jvmOptions, main, args, timeoutSeconds, null);
    }

    /**
     * What the parent does while a child runs: hears each report as it comes and may answer on the
     * child's stdin (e.g. "go" once the load the child is to measure is in place).
     */
    @FunctionalInterface
    interface Conversation {
        void heard(String key, String value, PrintStream toChild) throws Exception;
    }

    /** The same, talking with the child while it runs (see {@link Conversation}). */
    static Run converse(BenchContext ctx, Path workDir, String label, String heap, boolean gui, Class<?> main,
                        List<String> args, long timeoutSeconds, Conversation conversation)
            throws IOException, InterruptedException {
        return run(ctx, workDir, label, heap, gui, List.of(), main, args, timeoutSeconds, conversation);
    }

    private static Run run(BenchContext ctx, Path workDir, String label, String heap, boolean gui, List<String> jvmOptions,
                           Class<?> main, List<String> args, long timeoutSeconds, Conversation conversation)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.addAll(jvmOptions);
        cmd.add("-Dsessiondesk.logDir=" + ctx.config().dir().resolve("logs").toAbsolutePath());
        if (gui) {
            cmd.addAll(HEADLESS_FX);
        }
        if (ctx.config().jfr()) {
            // -Dbench.jfr=true: a profile of every child too, to explain a missed target.
            cmd.add("-XX:StartFlightRecording=settings=profile,filename="
                    + ctx.config().dir().resolve(label + "-" + System.nanoTime() + ".jfr").toAbsolutePath());
        }
        if (!jvmOptions.contains("-cp")) {
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
        }
        cmd.add(main.getName());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.appendTo(workDir.resolve(label + "-stderr.txt").toFile()));
        // JavaFX extracts its natives under HOME; keep that out of the user's real home folder.
        pb.environment().put("HOME", ctx.config().dir().resolve("home").toAbsolutePath().toString());
        long started = System.currentTimeMillis();
        Process p = pb.start();
        Map<String, String> reports = new LinkedHashMap<>();
        PrintStream toChild = new PrintStream(p.getOutputStream(), true, StandardCharsets.UTF_8);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                int space = line.indexOf(' ');
                if (space > 0) {
                    String key = line.substring(0, space);
                    String value = line.substring(space + 1).strip();
                    reports.put(key, value);
                    if (conversation != null) {
                        conversation.heard(key, value, toChild);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException(label + ": " + e.getMessage(), e);
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(label + ": the child JVM did not finish within " + timeoutSeconds + " s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(label + ": the child JVM exited with " + p.exitValue() + " (reported "
                    + reports + "); see " + workDir.resolve(label + "-stderr.txt"));
        }
        return new Run(started, reports, p.exitValue());
    }

    /**
     * This JVM's class path with every folder packed into a jar under {@code dir} (class data sharing
     * archives only jars: {@code -XX:SharedArchiveFile} refuses a class path with a non-empty folder).
     */
    static String jarredClassPath(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!java.nio.file.Files.isDirectory(p)) {
                out.add(entry);
                continue;
            }
            Path jar = dir.resolve("classpath-" + n++ + ".jar");
            try (var zip = new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(jar));
                 var files = java.nio.file.Files.walk(p)) {
                for (Path f : (Iterable<Path>) files.filter(java.nio.file.Files::isRegularFile).sorted()::iterator) {
                    zip.putNextEntry(new java.util.jar.JarEntry(p.relativize(f).toString().replace('\\', '/')));
                    java.nio.file.Files.copy(f, zip);
                    zip.closeEntry();
                }
            }
            out.add(jar.toAbsolutePath().toString());
        }
        return String.join(java.io.File.pathSeparator, out);
    }
}
