package dev.sessiondesk.ui.chat;

import static dev.sessiondesk.ui.GuiFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.ui.GuiFixture;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.image.ImageView;
import javafx.scene.text.Text;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How one message's content items look: nothing is dropped, noisy parts are folded. */
class MessageViewTest {
    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGMwTpsJRww4OQATIg5ZYRTWPQAAAABJRU5ErkJggg==";

    @BeforeAll
    static void toolkit() throws Exception {
        GuiFixture.startToolkit();
    }

    private static Message message(Role role, MessageState state, String contentJson) {
        return new Message(1, "s", 1, null, role, 1_763_700_000L, contentJson, true, true, state, null);
    }

    private static List<Node> all(Node root) {
        List<Node> out = new ArrayList<>();
        out.add(root);
        if (root instanceof TitledPane tp && tp.getContent() != null) {
            out.addAll(all(tp.getContent()));
        }
        if (root instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                out.addAll(all(c));
            }
        }
        return out;
    }

    @Test
    void everyKindOfContentIsShownTextAsMarkdownToolsAndThinkingFolded() throws Exception {
        String content = "[{\"type\":\"text\",\"text\":\"Hello **bold** and `code`\\n\\n- one\\n- two\"},"
                + "{\"type\":\"thinking\",\"thinking\":\"private reasoning\"},"
                + "{\"type\":\"toolRequest\",\"id\":\"t\",\"toolCall\":{\"status\":\"success\",\"value\":{\"name\":\"shell\",\"arguments\":{}}}},"
                + "{\"type\":\"toolResponse\",\"id\":\"t\",\"toolResult\":{\"status\":\"success\",\"value\":[{\"type\":\"text\",\"text\":\"ok\"}]}},"
                + "{\"type\":\"image\",\"data\":\"" + PNG + "\",\"mimeType\":\"image/png\"},"
                + "{\"type\":\"hologram\",\"payload\":1}]";
        List<Node> nodes = fx(() -> all(MessageView.render(message(Role.ASSISTANT, MessageState.INTERRUPTED, content))));

        List<TitledPane> folded = nodes.stream().filter(TitledPane.class::isInstance).map(TitledPane.class::cast).toList();
        assertThat(folded).extracting(TitledPane::getText)
                .containsExactly("Thinking", "Tool request: shell", "Tool result");
        assertThat(folded).noneMatch(TitledPane::isExpanded);
        assertThat(nodes).filteredOn(Text.class::isInstance).extracting(n -> ((Text) n).getText())
                .contains("Hello ", "bold", "code", "•  ", "one", "two");
        assertThat(nodes).filteredOn(Text.class::isInstance).filteredOn(n -> ((Text) n).getText().equals("bold"))
                .allMatch(n -> n.getStyleClass().contains("md-strong"));
        assertThat(nodes).filteredOn(ImageView.class::isInstance).hasSize(1);
        assertThat(nodes).filteredOn(Label.class::isInstance).extracting(n -> ((Label) n).getText())
                .contains("Unsupported content: content of type \"hologram\"", "interrupted", "Assistant");
    }

    @Test
    void brokenImageDataSaysSoInsteadOfFailing() throws Exception {
        List<Node> nodes = fx(() -> all(MessageView.render(message(Role.USER, MessageState.COMPLETE,
                "[{\"type\":\"image\",\"data\":\"%%%not base64\",\"mimeType\":\"image/png\"}]"))));
        assertThat(nodes).filteredOn(Label.class::isInstance).extracting(n -> ((Label) n).getText())
                .contains("Unsupported content: an image whose data is not base64");
    }
}
