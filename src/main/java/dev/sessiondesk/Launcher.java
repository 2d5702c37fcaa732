package dev.sessiondesk;

import dev.sessiondesk.app.DataFolderIndex;
import dev.sessiondesk.app.DataLocations;
import dev.sessiondesk.app.instance.LaunchRequest;
import dev.sessiondesk.app.instance.SingleInstance;
import dev.sessiondesk.cli.SessionDeskCommand;
import dev.sessiondesk.ui.GuiStartFailure;
import dev.sessiondesk.ui.SessionDeskApp;
import java.io.IOException;
import java.nio.file.Path;
import javafx.application.Application;
import org.slf4j.LoggerFactory;

/**
 * The one entry point: no command opens the GUI, a command runs the CLI. A plain class (not an
 * {@link Application}) so the jar runs from the classpath with {@code java -jar}.
 */
public final class Launcher {
    /** Held here: java.util.logging keeps only weak references to configured loggers. */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    private Launcher() {
    }

    public static void main(String[] args) {
        DataLocations locations = DataLocations.system();
        prepareLogging(locations);
        var gui = LaunchRequest.ofGuiLaunch(java.util.List.of(args));
        if (gui.isPresent()) {
            // An app already running on this data folder opens the window; this launch ends at once.
            LaunchRequest request = gui.get();
            Path dataDir = locations.dataDir(request.dataDir());
            if (SingleInstance.forward(dataDir, request.forwardedArguments())) {
                System.exit(0);
            }
            // Recorded here, on the main thread before the toolkit starts, so the FX thread never writes it.
            new DataFolderIndex(locations.configDir()).record(dataDir);
            launchGui(args);
        } else {
            System.exit(SessionDeskCommand.run(locations, args));
        }
    }

    /**
     * Starts the GUI. When JavaFX itself cannot start (no GTK, no display) the user gets one line
     * saying what is missing and exit code 2; the stack trace goes to the log, not the terminal.
     */
    private static void launchGui(String[] args) {
        // JavaFX warns on every classpath start that it was "loaded from 'unnamed module'"; it is
        // harmless (TECH.md) and would be the first thing a user sees on the terminal.
        JAVAFX_LOG.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
        try {
            Application.launch(SessionDeskApp.class, args);
        } catch (RuntimeException | LinkageError e) {
            LoggerFactory.getLogger(Launcher.class).error("JavaFX could not start", e);
            System.err.println(GuiStartFailure.describe(e));
            System.exit(2);
        }
    }

    /** Logback writes under the platform log folder (0700) unless {@code sessiondesk.logDir} says otherwise. */
    static void prepareLogging(DataLocations locations) {
        if (System.getProperty("sessiondesk.logDir") == null) {
            System.setProperty("sessiondesk.logDir", locations.logDir().toString());
        }
        try {
            Path logDir = dev.sessiondesk.store.PrivateFiles.ensureDirectory(Path.of(System.getProperty("sessiondesk.logDir")));
            // Created 0600 before Logback opens it (it appends to an existing file and keeps its mode);
            // rolled files stay inside the 0700 folder.
            dev.sessiondesk.store.PrivateFiles.ensureFile(logDir.resolve("sessiondesk.log"));
        } catch (IOException e) {
            System.err.println("sessiondesk: cannot create the log folder " + System.getProperty("sessiondesk.logDir")
                    + " (" + e.getMessage() + "); continuing without a log file");
        }
    }
}
