package dev.sessiondesk.torture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.GooseMessages;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts the torture writes. Every message, title and draft names the session or window it is
 * meant for, so a checker can tell from the stored row alone whether it landed in the wrong place.
 */
final class TortureText {
    private static final Pattern SESSION_TAG = Pattern.compile("^\\[s:([0-9a-f-]{36})\\]");
    private static final Pattern DRAFT = Pattern.compile("^draft of (\\S+) #(\\d+)");
    private static final String[] WORDS = {"alpha", "ünïcode", "日本語", "emoji 🚀", "tab\there", "quote \"x\"",
        "backslash \\", "line\nbreak", "zero", "1.10", "-0.0", "naïve"};

    private TortureText() {
    }

    static String tagged(String sessionId, String body) {
        return "[s:" + sessionId + "] " + body;
    }

    /** The session id a message or title names, or null when it names none. */
    static String sessionTag(String text) {
        Matcher m = SESSION_TAG.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    static String words(Random r, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(WORDS[r.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    /**
     * A Goose message for {@code sessionId}: a tagged text item, sometimes a tool request with exact
     * decimals (the canonical form must keep 1.10 as 1.10), random visibility flags.
     */
    static NewMessage message(Random r, String sessionId, Role role, String label) {
        ArrayNode content = CanonicalJson.MAPPER.createArrayNode();
        content.add(ContentItems.textItem(tagged(sessionId, label + " " + words(r, 1 + r.nextInt(12)))));
        if (r.nextInt(4) == 0) {
            ObjectNode tool = content.addObject();
            tool.put("type", "toolRequest");
            tool.put("id", "call_" + Long.toHexString(r.nextLong()));
            ObjectNode call = tool.putObject("toolCall");
            call.put("status", "success");
            ObjectNode value = call.putObject("value");
            value.put("name", "developer__shell");
            ObjectNode arguments = value.putObject("arguments");
            arguments.put("command", "echo " + r.nextInt(1000));
            arguments.put("weight", new BigDecimal(r.nextInt(100) + ".10"));
        }
        long created = 1_700_000_000L + r.nextInt(50_000_000);
        return new NewMessage(r.nextBoolean() ? "msg_" + Long.toHexString(r.nextLong()) : null, role, created,
                CanonicalJson.write(content), r.nextInt(10) != 0, r.nextInt(10) != 0);
    }

    /** The bytes the hash chain covers: what "present byte-for-byte" compares. */
    static String canonical(NewMessage m) {
        return new String(GooseMessages.canonicalBytes(m), StandardCharsets.UTF_8);
    }

    /** The first text item of a content array (the tagged one). */
    static String firstText(String contentJson) {
        try {
            JsonNode node = CanonicalJson.parse(contentJson);
            for (JsonNode item : node) {
                if ("text".equals(item.path("type").asText())) {
                    return item.path("text").asText();
                }
            }
            return "";
        } catch (Exception e) {
            return "";
        }
    }

    static String draft(String windowId, long n) {
        return "draft of " + windowId + " #" + n + " typed".repeat((int) (n % 7));
    }

    /** The draft number of a stored draft text of {@code windowId}, or -1 if it is not one of ours for it. */
    static long draftNumber(String windowId, String text) {
        Matcher m = DRAFT.matcher(text);
        if (!m.find() || !m.group(1).equals(windowId)) {
            return -1;
        }
        long n = Long.parseLong(m.group(2));
        return draft(windowId, n).equals(text) ? n : -1;
    }

    static String userTitle(String sessionId, long n) {
        return tagged(sessionId, "user title " + n);
    }

    static String autoTitle(String sessionId, long n) {
        return tagged(sessionId, "auto title " + n);
    }
}
