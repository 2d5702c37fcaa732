package dev.sessiondesk.ui;

import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.fxRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.ui.chat.ChatWindow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.AccessibleAttribute;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every control a keyboard can reach tells a screen reader what it is: the test walks each window's
 * scene graph (chat window with its sidebar, the search palette, Preferences) and fails on a
 * focusable node that has no accessible text — neither its own, nor a label's text that names it.
 */
class AccessibleTextTest {
    @TempDir
    Path dataDir;
    DeskClient client;

    @BeforeAll
    static void toolkit() throws Exception {
        GuiFixture.startToolkit();
    }

    @AfterEach
    void quit() throws Exception {
        if (client != null) {
            GuiFixture.fx(() -> client.quit()).get(30, TimeUnit.SECONDS);
        }
    }

    /** What a screen reader would say for {@code node}, or null. */
    static String accessibleText(Node node) {
        if (node.getAccessibleText() != null && !node.getAccessibleText().isBlank()) {
            return node.getAccessibleText();
        }
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
            return l.getText();
        }
        Object reported = node.queryAccessibleAttribute(AccessibleAttribute.TEXT);
        if (node instanceof Labeled && reported instanceof String s && !s.isBlank()) {
            return s;
        }
        // A label whose labelFor is this node names it.
        Parent root = node.getScene() == null ? null : node.getScene().getRoot();
        if (root != null) {
            for (Node n : root.lookupAll(".label")) {
                if (n instanceof Label l && l.getLabelFor() == node && l.getText() != null && !l.getText().isBlank()) {
                    return l.getText();
                }
            }
        }
        return null;
    }

    static List<String> unnamedFocusable(Window window) {
        List<String> out = new ArrayList<>();
        walk(window.getScene().getRoot(), out);
        return out;
    }

    private static void walk(Node node, List<String> out) {
        if (!node.isVisible()) {
            return;
        }
        boolean reachable = node.isFocusTraversable() && !node.isDisabled();
        boolean filledCell = node instanceof ListCell<?> c && !c.isEmpty();
        if ((reachable || filledCell) && accessibleText(node) == null) {
            out.add(node.getClass().getSimpleName() + (node.getId() == null ? "" : "#" + node.getId())
                    + " " + node.getStyleClass());
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                walk(child, out);
            }
        }
    }

    @Test
    void everyFocusableNodeOfTheChatWindowSearchAndPreferencesHasAccessibleText() throws Exception {
        try (SessionDesk desk = SessionDesk.open(dataDir)) {
            Session s = desk.sessions().create("Accessible", null);
            desk.store().messages().append(s.id(), NewMessage.text(Role.USER, "hello"));
            desk.store().messages().append(s.id(), NewMessage.text(Role.ASSISTANT, "hi there"));
        }
        client = GuiFixture.start(dataDir, List.of());
        ChatWindow w = fxGet(() -> client.windows().get(0));
        GuiFixture.waitFor("the sidebar to list the session", () -> fxGet(() -> !w.sidebar().listView().getItems().isEmpty()));
        fxRun(() -> w.stage().getScene().getRoot().applyCss());
        assertThat(fxGet(() -> unnamedFocusable(w.stage()))).as("chat window nodes without accessible text").isEmpty();

        fxRun(() -> client.coordinator().search(w));
        fxRun(() -> client.coordinator().searchPalette().queryField().setText("hello"));
        GuiFixture.waitFor("a search hit", () -> fxGet(() -> !client.coordinator().searchPalette().resultList().getItems().isEmpty()));
        fxRun(() -> w.stage().getScene().getRoot().applyCss());
        assertThat(fxGet(() -> unnamedFocusable(w.stage()))).as("search palette nodes without accessible text").isEmpty();
        fxRun(() -> client.coordinator().searchPalette().hide());

        fxRun(() -> client.coordinator().preferences(w));
        Window prefs = fxGet(() -> Window.getWindows().stream().filter(x -> x != w.stage() && x.isShowing()
                && x.getScene() != null).findFirst().orElseThrow());
        assertThat(fxGet(() -> unnamedFocusable(prefs))).as("Preferences nodes without accessible text").isEmpty();
        fxRun(prefs::hide);
    }

    @Test
    void theWalkFindsAnUnnamedField() throws Exception {
        javafx.scene.control.TextField bare = new javafx.scene.control.TextField();
        javafx.scene.control.TextField named = new javafx.scene.control.TextField();
        named.setAccessibleText("Name");
        javafx.stage.Stage stage = fxGet(() -> {
            javafx.stage.Stage st = new javafx.stage.Stage();
            st.setScene(new javafx.scene.Scene(new javafx.scene.layout.VBox(bare, named, new javafx.scene.control.Button("OK"))));
            return st;
        });
        assertThat(fxGet(() -> unnamedFocusable(stage))).containsExactly("TextField text-input text-field");
    }
}
