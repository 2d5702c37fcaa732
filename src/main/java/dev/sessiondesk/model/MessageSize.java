package dev.sessiondesk.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/**
 * How large one message may be (issue 18 item 8: a 5 MB paste was saved, and the app then could not
 * start). The text a person reads (text and thinking items) is bounded tighter than the whole content,
 * which may also carry images as base64. Every way in (the composer, {@code add}, the local API,
 * imports) passes the store's append, which applies this rule, so they all refuse the same way.
 */
public final class MessageSize {
    /** Characters of readable text in one message. */
    public static final int MAX_TEXT_CHARS = 4 * 1024 * 1024;
    /** Characters of the whole content JSON (images included). */
    public static final int MAX_CONTENT_CHARS = 24 * 1024 * 1024;

    private MessageSize() {
    }

    /** Why a message is too large, as a sentence; empty when it fits. */
    public static Optional<String> problem(String contentJson, JsonNode content) {
        if (contentJson.length() > MAX_CONTENT_CHARS) {
            return Optional.of("the message is " + mb(contentJson.length()) + " of content; one message can hold at most "
                    + mb(MAX_CONTENT_CHARS));
        }
        long text = 0;
        for (JsonNode item : content) {
            text += item.path("text").asText("").length() + item.path("thinking").asText("").length();
        }
        if (text > MAX_TEXT_CHARS) {
            return Optional.of("the message holds " + mb(text) + " of text; one message can hold at most "
                    + mb(MAX_TEXT_CHARS) + " (split the text into several messages)");
        }
        return Optional.empty();
    }

    /** Characters as megabytes, the way people read sizes ("5.0 MB"). */
    public static String mb(long chars) {
        return String.format(Locale.ROOT, "%.1f MB", chars / (1024.0 * 1024));
    }
}
