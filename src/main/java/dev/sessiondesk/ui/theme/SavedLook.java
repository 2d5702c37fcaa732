package dev.sessiondesk.ui.theme;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The look a client starts with: the saved preferences and whether the desktop prefers dark
 * colours, both read before the first window shows so it never flashes the wrong theme.
 */
public record SavedLook(UiPreferences preferences, boolean desktopPrefersDark) {
    private static final Logger LOG = LoggerFactory.getLogger(SavedLook.class);

    /** Reads the config folder and asks the desktop; touches the disk and starts a process: not on the FX thread. */
    public static SavedLook read(Path configDir, Map<String, String> environment) {
        return new SavedLook(UiPreferences.load(configDir), DesktopColorScheme.prefersDark(environment));
    }

    /** An {@link Appearance} that writes each change to {@code configDir} on {@code background}. */
    public Appearance appearance(Path configDir, Supplier<Executor> background) {
        return new Appearance(preferences, desktopPrefersDark, chosen -> background.get().execute(() -> {
            try {
                chosen.save(configDir);
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warn("cannot save the look ({}) to {}: {}", chosen, configDir, e.toString());
            }
        }));
    }
}
