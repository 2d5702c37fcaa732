package dev.sessiondesk.app.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Role;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One stored message as an HTML {@code <article>}: who and when, its actions, then each content item
 * — Markdown text, thinking folded, tool calls as cards with their results under them, images inline.
 * A very long text shows only its first {@link #FOLD_CHARS} characters rendered; the rest comes in
 * plain-text chunks on request, so no message is ever laid out whole. Content types this version
 * does not know show as "unsupported content", never silently dropped. Thread-safe.
 */
public final class MessageHtml {
    /** Text beyond this many characters is folded behind "Show more". */
    public static final int FOLD_CHARS = 24_000;
    /** How much more text one "Show more" adds, as plain text. */
    public static final int CHUNK_CHARS = 100_000;
    /** Up to this size an inline image written in the Markdown is kept whole in the first fold. */
    private static final int MAX_IMAGE_CHARS = 8_000_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm");

    private final Labels labels;
    private final MarkdownHtml markdown;
    private final ToolCards tools;
    private final ZoneId zone;

    public MessageHtml(Labels labels, ZoneId zone) {
        this.labels = labels;
        this.markdown = new MarkdownHtml(labels);
        this.tools = new ToolCards(labels);
        this.zone = zone;
    }

    public MarkdownHtml markdown() {
        return markdown;
    }

    /** The article for {@code m}. */
    public String article(Message m, MessageContext context) {
        boolean user = m.role() == Role.USER;
        String author = labels.get(user ? "author.user" : "author.assistant");
        String when = TIME.format(Instant.ofEpochSecond(m.created()).atZone(zone));
        StringBuilder body = new StringBuilder();
        boolean onlyAbsorbed = body(m, context, body);
        StringBuilder sb = new StringBuilder(body.length() + 1_200);
        sb.append("<article class=\"msg ").append(user ? "msg-user" : "msg-assistant")
                .append(" state-").append(m.state().wire()).append(m.userVisible() ? "" : " msg-hidden")
                .append("\" id=\"m-").append(m.seq()).append("\" data-seq=\"").append(m.seq())
                .append("\" tabindex=\"0\" aria-label=\"").append(Html.escape(author + ", " + when)).append('"')
                .append(onlyAbsorbed ? " hidden" : "").append('>');
        sb.append("<header class=\"msg-head no-copy\"><span class=\"msg-author\">").append(Html.escape(author))
                .append("</span><time>").append(Html.escape(when)).append("</time>");
        if (m.state() != MessageState.COMPLETE) {
            sb.append("<span class=\"msg-state\">").append(Html.escape(labels.get("state." + m.state().wire())))
                    .append("</span>");
        }
        if (!m.userVisible()) {
            sb.append("<span class=\"msg-badge\">").append(Html.escape(labels.get("hidden.badge"))).append("</span>");
        }
        int[] branch = context.branch(m.seq());
        if (branch != null) {
            sb.append("<span class=\"branch\" role=\"group\" aria-label=\"")
                    .append(Html.escape(labels.get("branch.label", branch[0], branch[1]))).append("\">")
                    .append(button("branch-prev", "‹", labels.get("branch.prev"), branch[0] <= 1))
                    .append("<span class=\"branch-pos\">").append(branch[0]).append(" / ").append(branch[1])
                    .append("</span>").append(button("branch-next", "›", labels.get("branch.next"), branch[0] >= branch[1]))
                    .append("</span>");
        }
        sb.append(toolbar(m)).append("</header><div class=\"msg-body\">").append(body).append("</div></article>");
        return sb.toString();
    }

    /** Plain text {@code [from, from + CHUNK_CHARS)} of a long text, escaped, for "Show more". */
    public static String chunk(String text, int from) {
        int end = Math.min(text.length(), from + CHUNK_CHARS);
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        StringBuilder sb = new StringBuilder(end - from + 64);
        sb.append("<div class=\"raw-chunk\">");
        Html.appendEscaped(sb, text, Math.max(0, from), end);
        return sb.append("</div>").toString();
    }

    /** Where the first fold of {@code text} ends: at a line break near {@link #FOLD_CHARS}. */
    public static int foldPoint(String text) {
        if (text.length() <= FOLD_CHARS) {
            return text.length();
        }
        int newline = text.lastIndexOf('\n', FOLD_CHARS);
        int cut = newline > FOLD_CHARS / 2 ? newline : FOLD_CHARS;
        // Never cut through an inline image: its data would show as text. Big pictures are fine,
        // they are decoded, not laid out as text.
        int image = text.lastIndexOf("](data:image/", cut);
        if (image >= 0) {
            int end = text.indexOf(')', image);
            if (end >= cut && end < MAX_IMAGE_CHARS) {
                return end + 1 == text.length() ? text.length() : end + 1;
            }
        }
        return Character.isHighSurrogate(text.charAt(cut - 1)) ? cut - 1 : cut;
    }

    /** Writes the items; true when every item is a tool response shown under its request instead. */
    private boolean body(Message m, MessageContext context, StringBuilder sb) {
        JsonNode content;
        try {
            content = CanonicalJson.parse(m.contentJson());
        } catch (Exception e) {
            sb.append(unsupported(labels.get("unsupported.json")));
            return false;
        }
        if (!content.isArray()) {
            sb.append(unsupported(labels.get("unsupported.json")));
            return false;
        }
        boolean absorbedAll = content.size() > 0;
        int index = 0;
        for (JsonNode item : content) {
            String type = item.path("type").asText("");
            boolean absorbed = "toolResponse".equals(type) && context.requestShown(item.path("id").asText(""));
            absorbedAll &= absorbed;
            if (!absorbed) {
                sb.append(item(m, item, index, context));
            }
            index++;
        }
        return absorbedAll;
    }

    private String item(Message m, JsonNode item, int index, MessageContext context) {
        String type = item.path("type").asText("");
        return switch (type) {
            case "text" -> text(item.path("text").asText(""), index);
            case "thinking" -> "<details class=\"thinking\"><summary>" + Html.escape(labels.get("thinking"))
                    + "</summary><div class=\"md\">" + markdown.render(item.path("thinking").asText("")) + "</div></details>";
            case "redactedThinking" -> "<details class=\"thinking\"><summary>" + Html.escape(labels.get("thinking.redacted"))
                    + "</summary></details>";
            case "toolRequest", "frontendToolRequest" -> tools.request(item, context.toolResponse(item.path("id").asText("")));
            case "toolResponse" -> tools.orphanResult(item);
            case "toolConfirmationRequest", "actionRequired" -> tools.confirmation(item);
            case "image" -> image(item);
            case "systemNotification", "conversationCompacted" -> "<div class=\"msg-note\">"
                    + Html.escape(item.path("msg").asText(item.path("text").asText(type))) + "</div>";
            default -> unsupported(labels.get("unsupported.type", type));
        };
    }

    private String text(String text, int index) {
        int cut = foldPoint(text);
        if (cut >= text.length()) {
            return "<div class=\"md\">" + markdown.render(text) + "</div>";
        }
        return "<div class=\"md\">" + markdown.render(text.substring(0, cut)) + "</div><div class=\"fold no-copy\" data-item=\""
                + index + "\" data-shown=\"" + cut + "\" data-total=\"" + text.length() + "\"><span class=\"fold-note\">"
                + Html.escape(labels.get("fold.note", size(cut), size(text.length()))) + "</span>"
                + button("more", labels.get("fold.more"), labels.get("fold.more"), false) + "</div>";
    }

    /** A human size for a length in characters, numbers as the labels' language writes them: "24 KB", "5,0 MB". */
    private String size(long chars) {
        if (chars < 1_000) {
            return labels.get("size.bytes", chars);
        }
        if (chars < 1_000_000) {
            return labels.get("size.kb", chars / 1_000);
        }
        return labels.get("size.mb", chars / 1e6);
    }

    private String image(JsonNode item) {
        String mime = item.path("mimeType").asText("");
        String src = "data:" + mime + ";base64," + item.path("data").asText("");
        if (!LinkPolicy.isImageType(mime) || !LinkPolicy.isInlineImage(src)) {
            return unsupported(labels.get("image.bad", mime.isEmpty() ? "?" : mime));
        }
        return "<img class=\"inline-image\" src=\"" + Html.escape(src) + "\" alt=\"" + Html.escape(labels.get("image.alt"))
                + "\" tabindex=\"0\">";
    }

    private String toolbar(Message m) {
        StringBuilder sb = new StringBuilder("<div class=\"msg-tools\" role=\"toolbar\" aria-label=\"")
                .append(Html.escape(labels.get("toolbar.label"))).append("\">");
        sb.append(button("copy", labels.get("action.copy"), labels.get("action.copy"), false));
        if (m.role() == Role.USER) {
            sb.append(button("edit", labels.get("action.edit"), labels.get("action.edit"), false));
        } else {
            sb.append(button("regenerate", labels.get("action.regenerate"), labels.get("action.regenerate"), false));
        }
        sb.append(m.userVisible() ? button("hide", labels.get("action.hide"), labels.get("action.hide"), false)
                : button("unhide", labels.get("action.unhide"), labels.get("action.unhide"), false));
        sb.append(button("duplicate", labels.get("action.duplicate"), labels.get("action.duplicate"), false));
        return sb.append("</div>").toString();
    }

    private static String button(String act, String caption, String label, boolean disabled) {
        return "<button type=\"button\" data-act=\"" + act + "\" aria-label=\"" + Html.escape(label) + "\""
                + (disabled ? " disabled" : "") + ">" + Html.escape(caption) + "</button>";
    }

    private String unsupported(String what) {
        return "<div class=\"unsupported\">" + Html.escape(labels.get("unsupported", what)) + "</div>";
    }
}
