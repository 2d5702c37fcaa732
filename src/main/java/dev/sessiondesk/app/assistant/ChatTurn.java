package dev.sessiondesk.app.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One turn of the conversation as an assistant sees it: who said it, its plain text, and the
 * images the user attached to it (goose {@code image} items), so a model that can see is shown them.
 */
public record ChatTurn(Role role, String text, List<Image> images) {

    /** An attached image: its MIME type and its bytes in base64, as stored. */
    public record Image(String mimeType, String base64) {
        public Image {
            Objects.requireNonNull(mimeType, "mimeType");
            Objects.requireNonNull(base64, "base64");
        }

        /** The image as a {@code data:} URI (what OpenAI-compatible endpoints take in {@code image_url}). */
        public String dataUri() {
            return "data:" + mimeType + ";base64," + base64;
        }
    }

    public ChatTurn {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
        images = List.copyOf(images);
    }

    public ChatTurn(Role role, String text) {
        this(role, text, List.of());
    }

    public static ChatTurn user(String text) {
        return new ChatTurn(Role.USER, text);
    }

    public static ChatTurn assistant(String text) {
        return new ChatTurn(Role.ASSISTANT, text);
    }

    /**
     * The stored messages the agent may see ({@code agentVisible}; compacted history stays in the
     * store but is not sent), as turns; a user's images go with their turn; messages with neither
     * text nor an image of the user's (tool calls, say) are left out.
     */
    public static List<ChatTurn> fromMessages(List<Message> messages) {
        List<ChatTurn> turns = new ArrayList<>(messages.size());
        for (Message m : messages) {
            if (!m.agentVisible()) {
                continue;
            }
            JsonNode content = parsed(m.contentJson()); // once per message: its text and its images
            String text = ContentItems.plainText(content);
            List<Image> images = m.role() == Role.USER ? images(content) : List.of();
            if (!text.isBlank() || !images.isEmpty()) {
                turns.add(new ChatTurn(m.role(), text, images));
            }
        }
        return turns;
    }

    /** The content array, or null when it is not JSON (such a message has no text and no image). */
    private static JsonNode parsed(String contentJson) {
        try {
            return CanonicalJson.parse(contentJson);
        } catch (Exception e) {
            return null;
        }
    }

    /** The well-formed image items of a content array (an item without data or type is skipped). */
    private static List<Image> images(JsonNode content) {
        List<Image> images = new ArrayList<>();
        if (content != null && content.isArray()) {
            for (JsonNode item : content) {
                String data = item.path("data").asText("");
                String mime = item.path("mimeType").asText("");
                if ("image".equals(item.path("type").asText("")) && !data.isEmpty() && mime.startsWith("image/")) {
                    images.add(new Image(mime, data));
                }
            }
        }
        return images;
    }
}
