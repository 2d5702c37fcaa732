package dev.sessiondesk.ui.windows;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real X desktop for tests: its own Xvfb (on a free display it picks itself) with openbox as the
 * window manager, and xdotool/xprop to see what the window manager did. Missing tools skip the test
 * with one line outside CI and fail it under {@code CI=true}.
 */
final class XDesktop implements AutoCloseable {
    /** Keys the tests press to have openbox maximize a window (its default config binds none). */
    static final String MAXIMIZE_KEY = "super+F10";
    private static final String RC = """
            <?xml version="1.0" encoding="UTF-8"?>
            <openbox_config xmlns="http://openbox.org/3.4/rc">
              <focus><focusNew>yes</focusNew></focus>
              <placement><policy>Smart</policy></placement>
              <keyboard>
                <keybind key="W-F10"><action name="ToggleMaximize"/></keybind>
              </keyboard>
            </openbox_config>
            """;

    private final Process xvfb;
    private final Process openbox;
    final String display;
    final int screenWidth = 1600;
    final int screenHeight = 1000;

    private XDesktop(Process xvfb, Process openbox, String display) {
        this.xvfb = xvfb;
        this.openbox = openbox;
        this.display = display;
    }

    /** Skips (or fails under CI) unless Xvfb, openbox, xdotool and xprop are installed. */
    static void requireTools() {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("Xvfb", "openbox", "xdotool", "xprop")) {
            if (!onPath(tool)) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            String reason = "needs " + String.join(", ", missing) + " (apt-get install xvfb openbox xdotool x11-utils)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("CI=true but this desktop test " + reason);
            }
            assumeTrue(false, reason);
        }
    }

    static XDesktop start(Path dir) throws Exception {
        requireTools();
        ProcessBuilder pb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1600x1000x24", "-nolisten", "tcp");
        pb.redirectError(dir.resolve("xvfb.log").toFile());
        Process xvfb = pb.start();
        String number = readLine(xvfb.getInputStream(), 20);
        String display = ":" + number.strip();
        Path rc = dir.resolve("openbox-rc.xml");
        Files.writeString(rc, RC);
        ProcessBuilder ob = new ProcessBuilder("openbox", "--config-file", rc.toString());
        ob.environment().put("DISPLAY", display);
        ob.redirectErrorStream(true).redirectOutput(dir.resolve("openbox.log").toFile());
        Process openbox = ob.start();
        XDesktop desktop = new XDesktop(xvfb, openbox, display);
        // openbox owns the screen once it sets _NET_SUPPORTING_WM_CHECK on the root window
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String answer = "";
        while (!(answer = desktop.run("xprop", "-root", "_NET_SUPPORTING_WM_CHECK")).contains("window id")) {
            if (System.nanoTime() > deadline || !openbox.isAlive()) {
                desktop.close();
                throw new AssertionError("openbox did not start on " + display + " within 90 s (alive: " + openbox.isAlive()
                        + "); xprop said: " + answer.strip() + "; openbox.log: "
                        + Files.readString(dir.resolve("openbox.log")).strip());
            }
            Thread.sleep(100);
        }
        return desktop;
    }

    private static String readLine(InputStream in, int seconds) throws Exception {
        StringBuilder out = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            while (in.available() > 0) {
                int c = in.read();
                if (c == '\n') {
                    return out.toString();
                }
                out.append((char) c);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("Xvfb did not report its display within " + seconds + " s");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs an X client on this display and returns what it printed (empty on failure). */
    String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("DISPLAY", display);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The id of the visible window whose name contains {@code name}, waiting up to {@code seconds}. */
    String awaitWindow(String name, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String ids = run("xdotool", "search", "--onlyvisible", "--name", name).strip();
            if (!ids.isEmpty() && ids.lines().findFirst().orElse("").matches("\\d+")) {
                return ids.lines().findFirst().orElseThrow();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no window named \"" + name + "\" appeared on " + display + " within " + seconds + " s");
    }

    /** The client area of window {@code id} as the X server has it: X, Y, WIDTH, HEIGHT. */
    Map<String, Integer> geometry(String id) throws Exception {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String line : run("xdotool", "getwindowgeometry", "--shell", id).split("\n")) {
            String[] kv = line.split("=");
            // WINDOW is the X window's id (new at every start) and SCREEN is always 0: only the geometry counts.
            if (kv.length == 2 && kv[1].strip().matches("-?\\d+") && !kv[0].equals("WINDOW") && !kv[0].equals("SCREEN")) {
                out.put(kv[0].strip(), Integer.parseInt(kv[1].strip()));
            }
        }
        return out;
    }

    /** The geometry once it has stopped changing for a second (the window manager has placed the window). */
    Map<String, Integer> settledGeometry(String id, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Map<String, Integer> last = geometry(id);
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(250);
            Map<String, Integer> now = geometry(id);
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > TimeUnit.MILLISECONDS.toNanos(4_000)) {
                return now;
            }
        }
        return last;
    }

    boolean maximized(String id) throws Exception {
        return run("xprop", "-id", id, "_NET_WM_STATE").contains("_NET_WM_STATE_MAXIMIZED_HORZ");
    }

    @Override
    public void close() {
        openbox.destroy();
        xvfb.destroy();
        try {
            openbox.waitFor(5, TimeUnit.SECONDS);
            xvfb.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        openbox.destroyForcibly();
        xvfb.destroyForcibly();
    }
}
