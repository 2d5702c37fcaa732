package dev.sessiondesk.ui.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Role;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One message as a bubble: who and when, then each content item. Text is Markdown; tool requests,
 * tool results and thinking are folded away in collapsed panes; images are decoded from base64;
 * content types this version does not know are shown as "unsupported content", never dropped silently.
 */
final class MessageView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm");

    private MessageView() {
    }

    static VBox render(Message m) {
        VBox bubble = new VBox(6);
        bubble.getStyleClass().addAll("bubble", m.role() == Role.USER ? "bubble-user" : "bubble-assistant");
        HBox header = new HBox(8);
        Label who = new Label(m.role() == Role.USER ? "You" : "Assistant");
        who.getStyleClass().add("bubble-author");
        Label when = new Label(TIME.format(Instant.ofEpochSecond(m.created()).atZone(ZoneId.systemDefault())));
        when.getStyleClass().add("bubble-time");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        header.getChildren().addAll(who, when, spacer);
        if (m.state() != MessageState.COMPLETE) {
            Label state = new Label(switch (m.state()) {
                case STREAMING -> "still arriving…";
                case INTERRUPTED -> "interrupted";
                case STOPPED -> "stopped";
                default -> "";
            });
            state.getStyleClass().addAll("bubble-state", "state-" + m.state().wire());
            header.getChildren().add(state);
        }
        bubble.getChildren().add(header);
        JsonNode content;
        try {
            content = CanonicalJson.parse(m.contentJson());
        } catch (Exception e) {
            bubble.getChildren().add(unsupported("content that is not valid JSON"));
            return bubble;
        }
        for (JsonNode item : content) {
            bubble.getChildren().add(item(item));
        }
        return bubble;
    }

    static Node item(JsonNode item) {
        String type = item.path("type").asText("");
        return switch (type) {
            case "text" -> MarkdownView.render(item.path("text").asText(""));
            case "thinking" -> folded("Thinking", item.path("thinking").asText(""));
            case "redactedThinking" -> folded("Thinking (redacted)", "");
            case "toolRequest" -> folded("Tool request: " + toolName(item), pretty(item.path("toolCall")));
            case "toolResponse" -> folded("Tool result", toolResult(item));
            case "frontendToolRequest" -> folded("Tool request: " + toolName(item), pretty(item.path("toolCall")));
            case "toolConfirmationRequest" -> folded("Tool confirmation: " + item.path("toolName").asText("tool"),
                    pretty(item.path("arguments")));
            case "image" -> image(item);
            case "systemNotification", "conversationCompacted" -> note(item.path("msg").asText(
                    item.path("text").asText(type)));
            default -> unsupported("content of type \"" + type + "\"");
        };
    }

    private static String toolName(JsonNode item) {
        JsonNode call = item.path("toolCall");
        String name = call.path("value").path("name").asText(call.path("name").asText(""));
        return name.isEmpty() ? "tool" : name;
    }

    private static String toolResult(JsonNode item) {
        JsonNode result = item.path("toolResult");
        JsonNode value = result.path("value");
        if (value.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode v : value) {
                if (v.has("text")) {
                    sb.append(v.path("text").asText()).append('\n');
                } else {
                    sb.append(pretty(v)).append('\n');
                }
            }
            return sb.toString().strip();
        }
        return pretty(result);
    }

    private static String pretty(JsonNode node) {
        try {
            return CanonicalJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (Exception e) {
            return node.toString();
        }
    }

    private static Node folded(String heading, String body) {
        Label text = new Label(body);
        text.setWrapText(true);
        text.getStyleClass().add("folded-body");
        TitledPane pane = new TitledPane(heading, text);
        pane.setExpanded(false);
        pane.setAnimated(false);
        pane.getStyleClass().add("folded");
        return pane;
    }

    private static Node image(JsonNode item) {
        try {
            byte[] bytes = Base64.getDecoder().decode(item.path("data").asText(""));
            Image image = new Image(new ByteArrayInputStream(bytes));
            if (image.isError() || image.getWidth() <= 0) {
                return unsupported("an image that cannot be decoded (" + item.path("mimeType").asText("unknown type") + ")");
            }
            ImageView view = new ImageView(image);
            view.setPreserveRatio(true);
            view.setFitWidth(Math.min(420, image.getWidth()));
            return view;
        } catch (IllegalArgumentException e) {
            return unsupported("an image whose data is not base64");
        }
    }

    private static Node note(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("bubble-note");
        return l;
    }

    private static Node unsupported(String what) {
        Label l = new Label("Unsupported content: " + what);
        l.setWrapText(true);
        l.getStyleClass().add("unsupported");
        return l;
    }
}
