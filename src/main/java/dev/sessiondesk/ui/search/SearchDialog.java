package dev.sessiondesk.ui.search;

import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.app.search.SearchHit;
import dev.sessiondesk.app.search.SearchService;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl+K: search every message. Typing waits for a short pause, then searches on the background
 * executor; only the answer to the latest text is shown. Enter or a double-click opens the hit's
 * session at the matching message.
 */
public final class SearchDialog {
    private static final Logger LOG = LoggerFactory.getLogger(SearchDialog.class);
    private final TaskRunner runner;
    static final Duration DEBOUNCE = Duration.millis(200);
    private static final int LIMIT = 50;

    private final Stage stage = new Stage();
    private final TextField query = new TextField();
    private final ListView<SearchHit> results = new ListView<>();
    private final Label status = new Label("Type to search every conversation");
    private final PauseTransition pause = new PauseTransition(DEBOUNCE);
    private final SearchService search;
    private final BiConsumer<String, Integer> open;
    private long generation;

    /**
     * @param runner where the searches run and how their hits come back to the FX thread
     * @param open   (sessionId, seq) → show that message
     */
    public SearchDialog(Window owner, SearchService search, TaskRunner runner, BiConsumer<String, Integer> open) {
        this.runner = runner;
        this.search = search;
        this.open = open;
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        stage.setTitle("Search conversations");
        query.setId("search-query");
        query.setPromptText("Search messages");
        results.setId("search-results");
        results.setCellFactory(list -> new HitCell());
        results.setPlaceholder(new Label("No matches"));
        status.setId("search-status");
        status.getStyleClass().add("session-meta");
        pause.setOnFinished(e -> runSearch(query.getText()));
        query.textProperty().addListener((o, was, text) -> pause.playFromStart());
        query.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.DOWN && !results.getItems().isEmpty()) {
                results.requestFocus();
                results.getSelectionModel().selectFirst();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                if (results.getSelectionModel().isEmpty()) {
                    results.getSelectionModel().selectFirst();
                }
                choose();
                e.consume();
            }
        });
        results.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                choose();
            }
        });
        results.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                choose();
            }
        });
        VBox root = new VBox(8, query, status, results);
        root.setStyle("-fx-padding: 12;");
        VBox.setVgrow(results, javafx.scene.layout.Priority.ALWAYS);
        Scene scene = new Scene(root);
        root.setPrefSize(560, 420);
        scene.getStylesheets().add(Objects.requireNonNull(
                SearchDialog.class.getResource("/dev/sessiondesk/ui/sessiondesk.css")).toExternalForm());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        stage.setScene(scene);
    }

    public void show() {
        stage.show();
        stage.toFront();
        query.requestFocus();
        query.selectAll();
    }

    private void runSearch(String text) {
        long mine = ++generation;
        if (text == null || text.isBlank()) {
            results.getItems().clear();
            status.setText("Type to search every conversation");
            return;
        }
        status.setText("Searching…");
        BackgroundTask.supply("search for \"" + text + "\"", () -> search.search(text, LIMIT))
                .onSuccess(hits -> {
                    if (mine == generation) { // else the user typed on: a newer search is coming
                        show(hits);
                    }
                })
                .onError(error -> {
                    if (mine == generation) {
                        LOG.warn("search for \"{}\" failed: {}", text, error.toString());
                        status.setText("Search failed: " + error.getMessage());
                    }
                })
                .executeWith(runner);
    }

    private void show(List<SearchHit> hits) {
        results.getItems().setAll(hits);
        status.setText(hits.isEmpty() ? "No matches" : hits.size() + (hits.size() == 1 ? " session" : " sessions"));
    }

    private void choose() {
        SearchHit hit = results.getSelectionModel().getSelectedItem();
        if (hit != null) {
            stage.close();
            open.accept(hit.sessionId(), hit.seq());
        }
    }

    public Stage stage() {
        return stage;
    }

    public TextField queryField() {
        return query;
    }

    public ListView<SearchHit> resultList() {
        return results;
    }

    /** The session's title over the snippet, its matches in bold. */
    private static final class HitCell extends ListCell<SearchHit> {
        @Override
        protected void updateItem(SearchHit hit, boolean empty) {
            super.updateItem(hit, empty);
            if (empty || hit == null) {
                setGraphic(null);
                return;
            }
            Label title = new Label(hit.sessionTitle() == null || hit.sessionTitle().isBlank()
                    ? "New chat" : hit.sessionTitle());
            title.getStyleClass().add("search-hit-title");
            TextFlow snippet = new TextFlow();
            for (SearchHit.Segment s : hit.segments()) {
                Text t = new Text(s.text());
                if (s.highlighted()) {
                    t.getStyleClass().add("search-hit-mark");
                }
                snippet.getChildren().add(t);
            }
            snippet.setPrefWidth(0);
            snippet.maxWidthProperty().bind(getListView().widthProperty().subtract(30));
            Label more = new Label(hit.matchingMessages() > 1 ? hit.matchingMessages() + " matching messages" : "");
            more.getStyleClass().add("session-meta");
            setGraphic(new VBox(2, title, snippet, more));
        }
    }
}
