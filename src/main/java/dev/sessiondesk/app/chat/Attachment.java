package dev.sessiondesk.app.chat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.ContentItems;
import java.util.List;

/**
 * A file or pasted image waiting in the composer. An image is saved as a Goose {@code image} content
 * item ({@code data} base64, {@code mimeType}); a text file as a {@code text} item that names the file;
 * pasted text too large for the composer's text field as a plain {@code text} item, exactly as pasted
 * (the model sees what it would have seen had the text stayed in the field).
 *
 * @param data base64 for an image, the text itself for a text file or pasted text
 */
public record Attachment(Kind kind, String name, String mimeType, long bytes, String data) {
    public enum Kind { IMAGE, TEXT, PASTED_TEXT }

    /** The content item this attachment becomes in the message. */
    public ObjectNode contentItem() {
        if (kind == Kind.IMAGE) {
            ObjectNode item = CanonicalJson.MAPPER.createObjectNode();
            item.put("type", "image");
            item.put("data", data);
            item.put("mimeType", mimeType);
            return item;
        }
        if (kind == Kind.PASTED_TEXT) {
            return ContentItems.textItem(data);
        }
        String fence = fenceFor(data);
        return ContentItems.textItem(name + ":\n" + fence + "\n" + data + (data.endsWith("\n") ? "" : "\n") + fence);
    }

    /** The content array of a user message: the typed text (if any), then the attachments in order. */
    public static String messageContent(String text, List<Attachment> attachments) {
        ArrayNode array = CanonicalJson.MAPPER.createArrayNode();
        if (text != null && !text.isBlank()) {
            array.add(ContentItems.textItem(text));
        }
        for (Attachment a : attachments) {
            array.add(a.contentItem());
        }
        return CanonicalJson.write(array);
    }

    /** A code fence longer than any run of backticks in the text, so the file cannot end it early. */
    private static String fenceFor(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }
}
