package dev.sessiondesk.ui;

import dev.sessiondesk.app.DataLocations;
import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.SessionQuery;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The JavaFX application: for now one window listing the sessions of the store. */
public final class SessionDeskApp extends Application {
    private SessionDesk desk;

    @Override
    public void start(Stage stage) {
        ListView<String> list = new ListView<>();
        Label status = new Label("Opening the store…");
        BorderPane root = new BorderPane(list);
        root.setBottom(status);
        stage.setTitle("SessionDesk");
        stage.setScene(new Scene(root, 720, 480));
        stage.show();
        Path dataDir = DataLocations.system().dataDir(dataDirArgument());
        CompletableFuture.supplyAsync(() -> {
            desk = SessionDesk.open(dataDir);
            return desk.sessions().list(SessionQuery.firstPage(500));
        }).whenComplete((sessions, error) -> Platform.runLater(() -> {
            if (error != null) {
                status.setText("Cannot open the store: " + error.getCause().getMessage());
                return;
            }
            show(list, sessions);
            status.setText(desk.store().isReadOnly() ? desk.store().readOnlyReason()
                    : sessions.size() + " sessions in " + desk.store().dbFile());
        }));
    }

    private static void show(ListView<String> list, List<Session> sessions) {
        list.getItems().setAll(sessions.stream()
                .map(s -> s.displayTitle() + "  (" + s.messageCount() + " messages)").toList());
    }

    private Path dataDirArgument() {
        List<String> raw = getParameters().getRaw();
        for (int i = 0; i < raw.size(); i++) {
            if (raw.get(i).equals("--data-dir") && i + 1 < raw.size()) {
                return Path.of(raw.get(i + 1));
            }
            if (raw.get(i).startsWith("--data-dir=")) {
                return Path.of(raw.get(i).substring("--data-dir=".length()));
            }
        }
        return null;
    }

    @Override
    public void stop() {
        if (desk != null) {
            desk.close();
        }
    }
}
