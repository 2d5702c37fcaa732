package dev.sessiondesk.ui.theme;

import dev.sessiondesk.store.PrivateFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the GUI looks for this user: theme and font size, kept in {@code ui.properties} in the
 * config folder beside the assistant settings, written atomically (temporary file, then move) so a
 * crash leaves the old choice or the new one. Reading and writing touch the disk: call them off the
 * FX thread.
 */
public record UiPreferences(ThemeChoice theme, double fontSize) {
    public static final String FILE_NAME = "ui.properties";
    public static final double DEFAULT_FONT_SIZE = 13;
    public static final double MIN_FONT_SIZE = 9;
    public static final double MAX_FONT_SIZE = 28;
    private static final Logger LOG = LoggerFactory.getLogger(UiPreferences.class);

    public UiPreferences {
        fontSize = clamp(fontSize);
    }

    public static UiPreferences defaults() {
        return new UiPreferences(ThemeChoice.SYSTEM, DEFAULT_FONT_SIZE);
    }

    public UiPreferences withTheme(ThemeChoice choice) {
        return new UiPreferences(choice, fontSize);
    }

    public UiPreferences withFontSize(double size) {
        return new UiPreferences(theme, size);
    }

    static double clamp(double size) {
        if (Double.isNaN(size)) {
            return DEFAULT_FONT_SIZE;
        }
        return Math.max(MIN_FONT_SIZE, Math.min(MAX_FONT_SIZE, size));
    }

    /** The saved preferences, or the defaults when there are none; a damaged file is logged and ignored. */
    public static UiPreferences load(Path configDir) {
        Path file = configDir.resolve(FILE_NAME);
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return defaults();
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("cannot read {}; using the default look: {}", file, e.getMessage());
            return defaults();
        }
        ThemeChoice theme = ThemeChoice.SYSTEM;
        String t = p.getProperty("theme", "system").strip().toUpperCase(Locale.ROOT);
        try {
            theme = ThemeChoice.valueOf(t);
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: unknown theme \"{}\" (light, dark or system); following the system", file, t);
        }
        double size = DEFAULT_FONT_SIZE;
        String s = p.getProperty("font_size");
        if (s != null) {
            try {
                size = Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                LOG.warn("{}: font_size \"{}\" is not a number; using {}", file, s, DEFAULT_FONT_SIZE);
            }
        }
        return new UiPreferences(theme, size);
    }

    public void save(Path configDir) throws IOException {
        Properties p = new Properties();
        p.setProperty("theme", theme.name().toLowerCase(Locale.ROOT));
        p.setProperty("font_size", Double.toString(fontSize));
        StringWriter text = new StringWriter();
        p.store(text, "theme and font size of the SessionDesk windows");
        PrivateFiles.writeAtomically(configDir.resolve(FILE_NAME), text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
