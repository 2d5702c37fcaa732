package dev.sessiondesk.app.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.model.CanonicalJson;

/**
 * Tool calls as cards: the tool's name, its arguments pretty-printed, and under them its result —
 * goose's {@code {"status":…,"value":…}} envelope unwrapped, an error shown as an error, long output
 * folded behind "Show all".
 */
final class ToolCards {
    static final int VISIBLE_LINES = 24;
    static final int VISIBLE_CHARS = 4_000;
    static final int MAX_OUTPUT_CHARS = 256_000;

    private final Labels labels;

    ToolCards(Labels labels) {
        this.labels = labels;
    }

    /** The name of the tool a request calls, or "tool". */
    static String toolName(JsonNode request) {
        JsonNode call = request.path("toolCall");
        String name = call.path("value").path("name").asText(call.path("name").asText(""));
        return name.isEmpty() ? "tool" : name;
    }

    /** A request card; {@code response} is its toolResponse item, or null while it has none. */
    String request(JsonNode request, JsonNode response) {
        JsonNode call = request.path("toolCall");
        String name = toolName(request);
        boolean callFailed = "error".equals(call.path("status").asText());
        StringBuilder sb = new StringBuilder();
        sb.append("<section class=\"tool-card").append(callFailed ? " tool-error" : "").append("\" data-tool-id=\"")
                .append(Html.escape(request.path("id").asText(""))).append("\" aria-label=\"")
                .append(Html.escape(labels.get("tool.call", name))).append("\">");
        sb.append("<div class=\"tool-head\"><span class=\"tool-name\">").append(Html.escape(name)).append("</span>");
        String status = callFailed ? labels.get("tool.error")
                : response == null ? labels.get("tool.waiting")
                : isError(response.path("toolResult")) ? labels.get("tool.error") : labels.get("tool.done");
        sb.append("<span class=\"tool-status\">").append(Html.escape(status)).append("</span></div>");
        if (callFailed) {
            sb.append("<pre class=\"tool-output tool-error-text\">")
                    .append(Html.escape(errorText(call))).append("</pre>");
        } else {
            JsonNode arguments = call.path("value").path("arguments");
            sb.append("<details class=\"tool-args\"").append(response == null ? " open" : "").append("><summary>")
                    .append(Html.escape(labels.get("tool.args"))).append("</summary><pre><code class=\"language-json\">")
                    .append(Html.escape(pretty(arguments.isMissingNode() ? call.path("value") : arguments)))
                    .append("</code></pre></details>");
        }
        if (response != null) {
            sb.append(result(response.path("toolResult")));
        }
        return sb.append("</section>").toString();
    }

    /** A result whose request is not in view (e.g. the request was hidden): a card of its own. */
    String orphanResult(JsonNode response) {
        JsonNode result = response.path("toolResult");
        return "<section class=\"tool-card" + (isError(result) ? " tool-error" : "") + "\" aria-label=\""
                + Html.escape(labels.get("tool.result")) + "\"><div class=\"tool-head\"><span class=\"tool-name\">"
                + Html.escape(labels.get("tool.result")) + "</span></div>" + result(result) + "</section>";
    }

    /** A confirmation the agent asked for before running a tool. */
    String confirmation(JsonNode item) {
        return "<section class=\"tool-card tool-confirm\"><div class=\"tool-head\"><span class=\"tool-name\">"
                + Html.escape(labels.get("tool.confirmation", item.path("toolName").asText("tool")))
                + "</span></div><pre><code class=\"language-json\">" + Html.escape(pretty(item.path("arguments")))
                + "</code></pre></section>";
    }

    private String result(JsonNode result) {
        StringBuilder sb = new StringBuilder("<div class=\"tool-result\"><div class=\"tool-result-label\">")
                .append(Html.escape(labels.get("tool.result"))).append("</div>");
        if (isError(result)) {
            String text = "error".equals(result.path("status").asText()) ? errorText(result) : outputText(content(result));
            return sb.append("<pre class=\"tool-output tool-error-text\">").append(Html.escape(text))
                    .append("</pre></div>").toString();
        }
        JsonNode content = content(result);
        sb.append(folded(outputText(content)));
        for (JsonNode item : content) {
            if ("image".equals(item.path("type").asText()) && LinkPolicy.isImageType(item.path("mimeType").asText())) {
                String src = "data:" + item.path("mimeType").asText() + ";base64," + item.path("data").asText("");
                if (LinkPolicy.isInlineImage(src)) {
                    sb.append("<img class=\"inline-image\" src=\"").append(Html.escape(src)).append("\" alt=\"")
                            .append(Html.escape(labels.get("image.alt"))).append("\">");
                }
            }
        }
        return sb.append("</div>").toString();
    }

    /** Long output: the first lines visible, the rest behind "Show all", past a cap not sent to the page at all. */
    private String folded(String text) {
        if (text.isEmpty()) {
            return "";
        }
        int cut = cutPoint(text);
        StringBuilder sb = new StringBuilder("<pre class=\"tool-output\">");
        Html.appendEscaped(sb, text, 0, cut);
        if (cut < text.length()) {
            int end = Math.min(text.length(), MAX_OUTPUT_CHARS);
            sb.append("<span class=\"tool-more\" hidden>");
            Html.appendEscaped(sb, text, cut, end);
            sb.append("</span></pre>");
            long lines = text.chars().filter(c -> c == '\n').count() + 1;
            sb.append("<button type=\"button\" class=\"show-all no-copy\" data-act=\"show-all\">")
                    .append(Html.escape(labels.get("tool.showAll", lines))).append("</button>");
            if (end < text.length()) {
                sb.append("<div class=\"tool-truncated no-copy\">")
                        .append(Html.escape(labels.get("tool.truncated", text.length() - end))).append("</div>");
            }
            return sb.toString();
        }
        return sb.append("</pre>").toString();
    }

    private static int cutPoint(String text) {
        int lines = 0;
        int limit = Math.min(text.length(), VISIBLE_CHARS);
        for (int i = 0; i < limit; i++) {
            if (text.charAt(i) == '\n' && ++lines == VISIBLE_LINES) {
                return i;
            }
        }
        if (limit < text.length() && Character.isHighSurrogate(text.charAt(limit - 1))) {
            limit--;
        }
        return limit;
    }

    /** The content array of a result: goose's {@code value} array, or MCP's {@code {content:[…], isError}}. */
    static JsonNode content(JsonNode result) {
        JsonNode value = result.has("value") ? result.path("value") : result;
        if (value.isArray()) {
            return value;
        }
        if (value.path("content").isArray()) {
            return value.path("content");
        }
        return CanonicalJson.MAPPER.createArrayNode().add(value);
    }

    static boolean isError(JsonNode result) {
        return "error".equals(result.path("status").asText()) || result.path("value").path("isError").asBoolean(false)
                || result.path("isError").asBoolean(false);
    }

    /** The text of a result's content items; non-text items other than images pretty-printed. */
    static String outputText(JsonNode content) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode item : content) {
            String type = item.path("type").asText("");
            if ("image".equals(type)) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('\n');
            }
            if (item.has("text")) {
                sb.append(item.path("text").asText());
            } else if ("resource".equals(type) && item.path("resource").has("text")) {
                sb.append(item.path("resource").path("text").asText());
            } else if (!item.isMissingNode() && !item.isNull()) {
                sb.append(item.isTextual() ? item.asText() : pretty(item));
            }
        }
        return sb.toString().strip();
    }

    private static String errorText(JsonNode envelope) {
        JsonNode error = envelope.path("error");
        return error.isTextual() ? error.asText() : pretty(error.isMissingNode() ? envelope : error);
    }

    static String pretty(JsonNode node) {
        try {
            return CanonicalJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (Exception e) {
            return String.valueOf(node);
        }
    }
}
