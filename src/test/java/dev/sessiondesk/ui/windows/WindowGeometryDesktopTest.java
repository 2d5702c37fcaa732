package dev.sessiondesk.ui.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app in a child JVM with GTK glass on Xvfb under openbox, as on a desktop: what the window
 * manager shows (read with xdotool after it placed the window) is the size the user gave, after a
 * first start, a quit, a crash, an upgrade and a maximize — never the 418×295 minimum that a
 * window manager's first configure event reports.
 */
class WindowGeometryDesktopTest {
    private static final int START_SECONDS = 120; // a cold JavaFX start under a loaded 2-core CI machine
    @TempDir
    Path dir;
    private XDesktop desktop;
    private final List<Process> apps = new ArrayList<>();

    @BeforeAll
    static void tools() {
        XDesktop.requireTools();
    }

    @AfterEach
    void stop() {
        apps.forEach(Process::destroyForcibly);
        if (desktop != null) {
            desktop.close();
        }
    }

    private Process launch(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + dir.resolve("home"), "-cp", System.getProperty("java.class.path"), "dev.sessiondesk.Launcher", "--data-dir", dir.resolve("data").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Path home = Files.createDirectories(dir.resolve("home"));
        pb.environment().put("DISPLAY", desktop.display);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        pb.environment().put("XDG_STATE_HOME", home.resolve(".state").toString());
        pb.environment().put("SESSIONDESK_THEME", "light");
        pb.environment().remove("SESSIONDESK_ENDPOINT");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("app.log").toFile()));
        Process p = pb.start();
        apps.add(p);
        return p;
    }

    private String window() throws Exception {
        return desktop.awaitWindow("SessionDesk", START_SECONDS);
    }

    /** The single window's recorded geometry: x, y, width, height, maximized. */
    private double[] recorded() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/sessions.db") + "?open_mode=1");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT x, y, width, height, maximized FROM windows WHERE open = 1")) {
            assertThat(rs.next()).as("an open window recorded").isTrue();
            return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getInt(5)};
        }
    }

    private static void waitFor(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private boolean recordedSizeIs(int outerWidthAtLeast, int outerHeightAtLeast, double maximized) {
        try {
            double[] r = recorded();
            return r[2] >= outerWidthAtLeast && r[3] >= outerHeightAtLeast && r[2] < outerWidthAtLeast + 10
                    && r[3] < outerHeightAtLeast + 60 && r[4] == maximized;
        } catch (Exception | AssertionError e) {
            return false;
        }
    }

    private void quitWithCtrlQ(Process app, String window) throws Exception {
        desktop.run("xdotool", "windowactivate", "--sync", window, "key", "--clearmodifiers", "ctrl+q");
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("the app quits on Ctrl+Q").isTrue();
    }

    @Test
    void theSizeTheUserGaveSurvivesFirstStartQuitCrashUpgradeAndMaximize() throws Exception {
        desktop = XDesktop.start(Files.createDirectories(dir.resolve("x")));

        // First start: 960×680 (its outer size) centred on the 1600×1000 screen.
        Process app = launch();
        String w = window();
        Map<String, Integer> first = desktop.settledGeometry(w, 30);
        assertThat(first.get("WIDTH")).as("client width at first start, not the 418 minimum").isBetween(940, 960);
        assertThat(first.get("HEIGHT")).as("client height at first start, not the 295 minimum").isBetween(620, 680);
        assertThat(first.get("X") + first.get("WIDTH") / 2).as("centred horizontally").isBetween(780, 820);
        assertThat(first.get("Y") + first.get("HEIGHT") / 2).as("centred vertically").isBetween(470, 540);
        waitFor("the first start's size to be recorded", 20, () -> recordedSizeIs(960, 680, 0));

        // The user resizes and moves it; Ctrl+Q; the next start shows exactly that.
        desktop.run("xdotool", "windowsize", w, "1000", "700");
        desktop.run("xdotool", "windowmove", w, "150", "90");
        Map<String, Integer> given = desktop.settledGeometry(w, 30);
        assertThat(given.get("WIDTH")).isEqualTo(1000);
        assertThat(given.get("HEIGHT")).isEqualTo(700);
        waitFor("the user's size to be recorded", 20, () -> recordedSizeIs(1000, 700, 0));
        quitWithCtrlQ(app, w);

        app = launch();
        w = window();
        assertThat(desktop.settledGeometry(w, 30)).as("after a quit").isEqualTo(given);
        assertThat(recorded()[2]).as("what the window manager reported first is not written back").isGreaterThanOrEqualTo(1000);

        // Another size, then a crash (kill -9): the next start shows it too.
        desktop.run("xdotool", "windowsize", w, "880", "620");
        desktop.run("xdotool", "windowmove", w, "300", "200");
        Map<String, Integer> beforeCrash = desktop.settledGeometry(w, 30);
        waitFor("the new size to be recorded", 20, () -> recordedSizeIs(880, 620, 0));
        app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        app = launch();
        w = window();
        assertThat(desktop.settledGeometry(w, 30)).as("after a crash").isEqualTo(beforeCrash);
        quitWithCtrlQ(app, w);

        // An upgrade: the installer's pre-upgrade step, then the new version's first start.
        Process pre = launch("pre-upgrade");
        assertThat(pre.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(pre.exitValue()).as("pre-upgrade exit code").isZero();
        app = launch();
        w = window();
        assertThat(desktop.settledGeometry(w, 30)).as("after an upgrade").isEqualTo(beforeCrash);

        // Maximized: restored maximized, and un-maximizing gives back the size the user gave.
        desktop.run("xdotool", "windowactivate", "--sync", w, "key", XDesktop.MAXIMIZE_KEY);
        waitFor("openbox to maximize the window", 20, () -> {
            try {
                return desktop.maximized(desktop.awaitWindow("SessionDesk", 5));
            } catch (Exception e) {
                return false;
            }
        });
        waitFor("the maximized state to be recorded with the normal size kept", 20, () -> recordedSizeIs(880, 620, 1));
        quitWithCtrlQ(app, w);

        app = launch();
        w = window();
        desktop.settledGeometry(w, 30);
        assertThat(desktop.maximized(w)).as("restored maximized").isTrue();
        desktop.run("xdotool", "windowactivate", "--sync", w, "key", XDesktop.MAXIMIZE_KEY);
        String unmaximized = w;
        waitFor("openbox to un-maximize", 20, () -> {
            try {
                return !desktop.maximized(unmaximized);
            } catch (Exception e) {
                return false;
            }
        });
        Map<String, Integer> normal = desktop.settledGeometry(w, 30);
        assertThat(normal.get("WIDTH")).as("un-maximized width").isEqualTo(beforeCrash.get("WIDTH"));
        assertThat(normal.get("HEIGHT")).as("un-maximized height").isEqualTo(beforeCrash.get("HEIGHT"));
        quitWithCtrlQ(app, w);
    }
}
