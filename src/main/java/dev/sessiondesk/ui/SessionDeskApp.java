package dev.sessiondesk.ui;

import dev.sessiondesk.app.client.ClientOptions;
import dev.sessiondesk.app.client.ClientServices;
import dev.sessiondesk.app.DataLocations;
import dev.sessiondesk.app.chat.AssistantReplies;
import dev.sessiondesk.app.instance.LaunchRequest;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.ui.i18n.Texts;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: restores every chat window of the last run (or opens one), each bound
 * to its own session. A second launch on the same data folder hands its arguments to this one.
 */
public final class SessionDeskApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(SessionDeskApp.class);
    /** Replies stream from the desk's ReplyService into the session the message was committed to. */
    public static final ClientServices.ReplyStarterFactory ASSISTANT =
            (desk, changes) -> new AssistantReplies(desk.replies(), changes);
    private DeskClient client;

    @Override
    public void start(Stage unusedPrimary) {
        // Windows come and go; the app ends when the user quits or closes the last one, not when
        // no window happens to be showing (e.g. during start-up).
        Platform.setImplicitExit(false);
        LaunchRequest request = LaunchRequest.parse(getParameters().getRaw());
        DataLocations locations = DataLocations.system();
        Path dataDir = locations.dataDir(request.dataDir());
        client = new DeskClient(ClientOptions.of(dataDir, request)
                .withSettingsFrom(locations.environment(), locations.configDir())
                .withReplies(ASSISTANT), Platform::exit);
        client.setBrowser(getHostServices()::showDocument);
        client.start().whenComplete((outcome, error) -> {
            if (error != null) {
                Platform.runLater(() -> failedToStart(dataDir, BackgroundTask.unwrap(error)));
            }
        });
    }

    private static void failedToStart(Path dataDir, Throwable error) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        Texts t = Texts.of("app");
        alert.setTitle(t.get("cannotStart.title"));
        alert.setHeaderText(t.get("cannotStart.header", dataDir.toString()));
        alert.setContentText(String.valueOf(error.getMessage()));
        alert.showAndWait();
        Platform.exit();
    }

    @Override
    public void stop() {
        if (client != null) {
            try {
                client.quit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.error("SessionDesk did not shut down cleanly", e);
            }
        }
    }
}
