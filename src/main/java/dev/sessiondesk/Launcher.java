package dev.sessiondesk;

import dev.sessiondesk.app.DataFolderIndex;
import dev.sessiondesk.app.DataLocations;
import dev.sessiondesk.app.instance.LaunchRequest;
import dev.sessiondesk.app.instance.SingleInstance;
import dev.sessiondesk.cli.SessionDeskCommand;
import dev.sessiondesk.ui.SessionDeskApp;
import java.io.IOException;
import java.nio.file.Path;
import javafx.application.Application;

/**
 * The one entry point: no command opens the GUI, a command runs the CLI. A plain class (not an
 * {@link Application}) so the jar runs from the classpath with {@code java -jar}.
 */
public final class Launcher {
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
            Application.launch(SessionDeskApp.class, args);
        } else {
            System.exit(SessionDeskCommand.run(locations, args));
        }
    }

    /** Logback writes under the platform log folder (0700) unless {@code sessiondesk.logDir} says otherwise. */
    static void prepareLogging(DataLocations locations) {
        if (System.getProperty("sessiondesk.logDir") == null) {
            System.setProperty("sessiondesk.logDir", locations.logDir().toString());
        }
        try {
            dev.sessiondesk.store.PrivateFiles.ensureDirectory(Path.of(System.getProperty("sessiondesk.logDir")));
        } catch (IOException e) {
            System.err.println("sessiondesk: cannot create the log folder " + System.getProperty("sessiondesk.logDir")
                    + " (" + e.getMessage() + "); continuing without a log file");
        }
    }
}
