package dev.sessiondesk.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where SessionDesk keeps things. The data folder is, in order: {@code --data-dir}, the
 * {@code SESSIONDESK_DATA_DIR} environment variable, the platform's data folder
 * ({@code $XDG_DATA_HOME/sessiondesk} or {@code ~/.local/share/sessiondesk} on Linux,
 * {@code ~/Library/Application Support/SessionDesk} on macOS, {@code %APPDATA%\SessionDesk} on Windows).
 */
public final class DataLocations {
    public static final String ENV_DATA_DIR = "SESSIONDESK_DATA_DIR";

    private final Map<String, String> env;
    private final String osName;
    private final Path home;

    public DataLocations(Map<String, String> env, String osName, Path home) {
        this.env = env;
        this.osName = osName.toLowerCase(Locale.ROOT);
        this.home = home;
    }

    public static DataLocations system() {
        return new DataLocations(System.getenv(), System.getProperty("os.name", "linux"),
                Path.of(System.getProperty("user.home")));
    }

    /** The environment these locations were read from (assistant settings read it too). */
    public Map<String, String> environment() {
        return env;
    }

    public Path dataDir(Path explicit) {
        if (explicit != null) {
            return explicit.toAbsolutePath();
        }
        String fromEnv = env.get(ENV_DATA_DIR);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath();
        }
        return platformDataDir();
    }

    Path platformDataDir() {
        if (osName.contains("mac")) {
            return home.resolve("Library/Application Support/SessionDesk");
        }
        if (osName.contains("win")) {
            String appData = env.get("APPDATA");
            return (appData != null ? Path.of(appData) : home.resolve("AppData/Roaming")).resolve("SessionDesk");
        }
        return xdg("XDG_DATA_HOME", ".local/share").resolve("sessiondesk");
    }

    /** The log folder: {@code $XDG_STATE_HOME/sessiondesk/logs} (~/.local/state/…) on Linux. */
    public Path logDir() {
        if (osName.contains("mac")) {
            return home.resolve("Library/Logs/SessionDesk");
        }
        if (osName.contains("win")) {
            String local = env.get("LOCALAPPDATA");
            return (local != null ? Path.of(local) : home.resolve("AppData/Local")).resolve("SessionDesk/logs");
        }
        return xdg("XDG_STATE_HOME", ".local/state").resolve("sessiondesk/logs");
    }

    /** The config folder, for settings that must stay out of the store (the API key file). */
    public Path configDir() {
        if (osName.contains("mac") || osName.contains("win")) {
            return platformDataDir().resolve("config");
        }
        return xdg("XDG_CONFIG_HOME", ".config").resolve("sessiondesk");
    }

    private Path xdg(String variable, String fallback) {
        String v = env.get(variable);
        return v != null && !v.isBlank() && Path.of(v).isAbsolute() ? Path.of(v) : home.resolve(fallback);
    }
}
