package dev.sessiondesk.ui.search;

import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.app.search.SearchHit;
import dev.sessiondesk.app.search.SearchService;
import dev.sessiondesk.ui.i18n.Texts;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl+K: search every message, in a palette over the window's own content (not another OS
 * window). Typing waits for a short pause, then searches on the background executor; only the
 * answer to the latest text is shown. Enter or a click opens the hit's session at the matching
 * message; Esc closes the palette and gives the focus back.
 */
public final class SearchPalette {
    private static final Logger LOG = LoggerFactory.getLogger(SearchPalette.class);
    private static final Texts T = Texts.of("search");
    private static final String KEY = SearchPalette.class.getName();
    static final Duration DEBOUNCE = Duration.millis(200);
    private static final int LIMIT = 50;

    private final VBox box;
    private final TextField query = new TextField();
    private final ListView<SearchHit> results = new ListView<>();
    private final Label status = new Label(T.get("hint"));
    private final PauseTransition pause = new PauseTransition(DEBOUNCE);
    private final SearchService search;
    private Consumer<SearchHit> open;
    private Node focusBefore;
    private long generation;

    /** Where the searches run and how their hits come back to the FX thread. */
    private final TaskRunner runner;

    private SearchPalette(SearchService search, TaskRunner runner, Consumer<SearchHit> open) {
        this.runner = runner;
        this.search = search;
        this.open = open;
        query.setId("search-query");
        query.setPromptText(T.get("prompt"));
        query.setAccessibleText(T.get("a11y.query"));
        results.setId("search-results");
        results.setAccessibleText(T.get("a11y.results"));
        results.setCellFactory(list -> new HitCell());
        results.setPlaceholder(new Label()); // the status line says "No matches", once
        status.setId("search-status");
        status.getStyleClass().add("session-meta");
        pause.setOnFinished(e -> runSearch(query.getText()));
        query.textProperty().addListener((o, was, text) -> pause.playFromStart());
        query.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.DOWN && !results.getItems().isEmpty()) {
                results.requestFocus();
                if (results.getSelectionModel().isEmpty()) {
                    results.getSelectionModel().selectFirst();
                }
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
                e.consume();
            }
        });
        results.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress()) {
                choose();
            }
        });
        Label title = new Label(T.get("title"));
        title.getStyleClass().add("dialog-heading");
        box = new VBox(8, title, query, status, results);
        box.getStyleClass().add("search-palette");
        box.setId("search-palette");
        box.setAccessibleRole(AccessibleRole.DIALOG);
        box.setAccessibleText(T.get("title"));
        box.setMaxSize(600, 440);
        box.setPrefWidth(600);
        VBox.setVgrow(results, Priority.ALWAYS);
        box.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                hide();
            }
        });
        box.setVisible(false);
        box.setManaged(false);
    }

    /**
     * The palette of the window showing {@code scene}, created on first use: the scene's content
     * goes into a stack with the palette above it, so it floats inside the window.
     *
     * @param open a chosen hit → show its message with the matched words marked
     */
    public static SearchPalette in(Scene scene, SearchService search, TaskRunner runner, Consumer<SearchHit> open) {
        Object existing = scene.getProperties().get(KEY);
        if (existing instanceof SearchPalette p) {
            p.open = open;
            return p;
        }
        SearchPalette p = new SearchPalette(search, runner, open);
        Parent content = scene.getRoot();
        StackPane layers = new StackPane();
        scene.setRoot(layers); // detach the content from the scene before it joins the stack
        layers.getChildren().addAll(content, p.box);
        layers.getStyleClass().addAll(content.getStyleClass().filtered(c -> c.startsWith("theme-")));
        StackPane.setAlignment(p.box, Pos.TOP_CENTER);
        StackPane.setMargin(p.box, new Insets(48, 24, 24, 24));
        scene.getProperties().put(KEY, p);
        return p;
    }

    public void show() {
        if (!box.isVisible()) {
            focusBefore = box.getScene() == null ? null : box.getScene().getFocusOwner();
        }
        box.setManaged(true);
        box.setVisible(true);
        box.toFront();
        query.requestFocus();
        query.selectAll();
    }

    public void hide() {
        box.setVisible(false);
        box.setManaged(false);
        pause.stop();
        if (focusBefore != null && focusBefore.getScene() == box.getScene()) {
            focusBefore.requestFocus();
        }
        focusBefore = null;
    }

    public boolean isShowing() {
        return box.isVisible();
    }

    private void runSearch(String text) {
        long mine = ++generation;
        if (text == null || text.isBlank()) {
            results.getItems().clear();
            status.setText(T.get("hint"));
            return;
        }
        status.setText(T.get("searching"));
        BackgroundTask.supply("search for \"" + text + "\"", () -> search.search(text, LIMIT))
                .onSuccess(hits -> {
                    if (mine == generation) { // else the user typed on: a newer search is coming
                        show(hits);
                    }
                })
                .onError(error -> {
                    if (mine == generation) {
                        LOG.warn("search for \"{}\" failed: {}", text, error.toString());
                        status.setText(T.get("failed", String.valueOf(error.getMessage())));
                    }
                })
                .executeWith(runner);
    }

    private void show(List<SearchHit> hits) {
        results.getItems().setAll(hits);
        status.setText(hits.isEmpty() ? T.get("none") : T.get("count", hits.size()));
    }

    private void choose() {
        SearchHit hit = results.getSelectionModel().getSelectedItem();
        if (hit != null) {
            hide();
            open.accept(hit);
        }
    }

    public Node node() {
        return box;
    }

    public TextField queryField() {
        return query;
    }

    public ListView<SearchHit> resultList() {
        return results;
    }

    public Label statusLabel() {
        return status;
    }

    /** When the matching message was written, in the user's locale. */
    static String date(long createdSeconds, ZoneId zone, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .format(Instant.ofEpochSecond(createdSeconds).atZone(zone));
    }

    /** The session's title and the message's date over the snippet, its matches in bold. */
    private static final class HitCell extends ListCell<SearchHit> {
        @Override
        protected void updateItem(SearchHit hit, boolean empty) {
            super.updateItem(hit, empty);
            if (empty || hit == null) {
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            String name = hit.sessionTitle() == null || hit.sessionTitle().isBlank() ? T.get("untitled") : hit.sessionTitle();
            Label title = new Label(name);
            title.getStyleClass().add("search-hit-title");
            String when = hit.created() > 0
                    ? T.get("where.date", hit.seq(), date(hit.created(), ZoneId.systemDefault(), Locale.getDefault()))
                    : T.get("where", hit.seq());
            Label date = new Label(when);
            date.getStyleClass().add("search-hit-date");
            TextFlow snippet = new TextFlow();
            StringBuilder plain = new StringBuilder();
            for (SearchHit.Segment s : hit.segments()) {
                Text t = new Text(s.text());
                t.getStyleClass().add(s.highlighted() ? "search-hit-mark" : "md-text");
                snippet.getChildren().add(t);
                plain.append(s.text());
            }
            snippet.setPrefWidth(0);
            snippet.maxWidthProperty().bind(getListView().widthProperty().subtract(30));
            VBox box = new VBox(2, title, date, snippet);
            if (hit.matchingMessages() > 1) {
                Label more = new Label(T.get("more", hit.matchingMessages()));
                more.getStyleClass().add("session-meta");
                box.getChildren().add(more);
            }
            setAccessibleText(T.get("a11y.hit", name, when, plain));
            setGraphic(box);
        }
    }
}
