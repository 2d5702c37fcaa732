package dev.sessiondesk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sessiondesk.Launcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GUI start where JavaFX cannot come up, in a real child JVM: one plain line on standard error
 * saying what is missing, exit code 2, no stack trace (it is in the log).
 */
class GuiStartFailureTest {
    @TempDir
    Path tmp;

    record Run(int exit, List<String> stderr, String stdout) {
    }

    private Run launch(List<String> wrapper, Map<String, String> env, boolean withDisplay) throws Exception {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dglass.platform=gtk", "-Dsessiondesk.logDir=" + tmp.resolve("logs"),
                // The child speaks the language this JVM expects its one line in.
                "-Duser.language=" + Locale.getDefault().getLanguage(),
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "--data-dir", tmp.resolve("data").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile());
        if (!withDisplay) {
            pb.environment().remove("DISPLAY");
            pb.environment().remove("WAYLAND_DISPLAY");
        }
        pb.environment().put("HOME", tmp.resolve("home").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the child JVM ends by itself").isTrue();
        return new Run(p.exitValue(), Files.readAllLines(tmp.resolve("err.txt"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("out.txt")));
    }

    private static void assertOneLineNoStack(Run run, String line) {
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).containsExactly(line);
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void missingGtkIsOneLineThatSaysWhatToInstallAndExitCodeTwo() throws Exception {
        // GTK 3 "missing": the loader finds an empty libgtk-3.so.0 first and cannot load it, exactly
        // as glass fails on a machine without libgtk-3-0. Glass checks the display first, so it needs one.
        boolean ci = "true".equals(System.getenv("CI"));
        boolean xvfb = onPath("xvfb-run");
        if (!xvfb) {
            assertThat(ci).as("CI installs xvfb (see .ci/run)").isFalse();
            assumeTrue(false, "xvfb-run is not installed: apt-get install xvfb xauth to run this test");
        }
        Path fakeGtk = Files.createDirectories(tmp.resolve("no-gtk"));
        Files.write(fakeGtk.resolve("libgtk-3.so.0"), new byte[0]);
        Files.write(fakeGtk.resolve("libgtk-3.so"), new byte[0]);
        Run run = launch(List.of("xvfb-run", "-a", "-s", "-screen 0 800x600x24"),
                Map.of("LD_LIBRARY_PATH", fakeGtk.toString()), true);
        assertOneLineNoStack(run, GuiStartFailure.gtkMissing());
        assertThat(Files.readString(tmp.resolve("logs").resolve("sessiondesk.log")))
                .as("the stack is in the log").contains("JavaFX could not start", "Unable to load glass GTK library");
    }

    @Test
    void noDisplayIsOneLineAndExitCodeTwo() throws Exception {
        Run run = launch(List.of(), Map.of(), false);
        assertOneLineNoStack(run, GuiStartFailure.noDisplay());
    }

    private static boolean onPath(String program) throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
