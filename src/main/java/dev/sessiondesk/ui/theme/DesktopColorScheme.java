package dev.sessiondesk.ui.theme;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the desktop asks applications for dark colours. JavaFX 21 has no API for it, so this
 * reads what GNOME-like desktops publish: {@code GTK_THEME=…:dark}, then
 * {@code gsettings get org.gnome.desktop.interface color-scheme} ({@code 'prefer-dark'}) and the
 * GTK theme name. It starts a process: call it off the FX thread.
 */
public final class DesktopColorScheme {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopColorScheme.class);

    private DesktopColorScheme() {
    }

    public static boolean prefersDark(Map<String, String> environment) {
        String forced = environment.get("SESSIONDESK_THEME");
        if (forced != null && !forced.isBlank()) {
            return forced.strip().equalsIgnoreCase("dark");
        }
        String gtkTheme = environment.getOrDefault("GTK_THEME", "");
        if (!gtkTheme.isBlank()) {
            return isDarkName(gtkTheme);
        }
        String scheme = gsettings("color-scheme");
        if (scheme != null && scheme.contains("prefer-dark")) {
            return true;
        }
        String themeName = gsettings("gtk-theme");
        return themeName != null && isDarkName(themeName);
    }

    static boolean isDarkName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(":dark") || n.contains("-dark") || n.endsWith("dark'") || n.endsWith("dark");
    }

    private static String gsettings(String key) {
        Process p;
        try {
            p = new ProcessBuilder("gsettings", "get", "org.gnome.desktop.interface", key)
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return null; // no gsettings on this desktop: nothing to follow
        }
        try (InputStream out = p.getInputStream()) {
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                LOG.debug("gsettings get {} did not answer within 2 s", key);
                return null;
            }
            return p.exitValue() == 0 ? new String(out.readAllBytes(), StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
