package dev.sessiondesk.app.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Role;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageHtmlTest {
    private final MessageHtml html = new MessageHtml(MarkdownHtmlTest.KEYS, ZoneOffset.UTC);

    static Message msg(int seq, Role role, String contentJson) {
        return new Message(seq, "s1", seq, "m" + seq, role, 1_700_000_000L, contentJson, true, true,
                MessageState.COMPLETE, "h" + seq);
    }

    private static MessageContext around(List<Message> list, int index) {
        return new MessageContext() {
            @Override
            public com.fasterxml.jackson.databind.JsonNode toolResponse(String requestId) {
                return ToolPairing.responseAfter(list, index, requestId);
            }

            @Override
            public boolean requestShown(String responseId) {
                return ToolPairing.requestBefore(list, index, responseId);
            }

            @Override
            public int[] branch(int seq) {
                return seq == 2 ? new int[] {2, 3} : null;
            }
        };
    }

    @Test
    void toolResultShowsUnderItsRequestAndItsOwnMessageIsHidden() {
        Message call = msg(2, Role.ASSISTANT, "[{\"type\":\"toolRequest\",\"id\":\"call_7\",\"toolCall\":{\"status\":\"success\","
                + "\"value\":{\"name\":\"developer__shell\",\"arguments\":{\"command\":\"ls -la\"}}}}]");
        Message result = msg(3, Role.USER, "[{\"type\":\"toolResponse\",\"id\":\"call_7\",\"toolResult\":{\"status\":\"success\","
                + "\"value\":[{\"type\":\"text\",\"text\":\"total 0\\nfile.txt\"}]}}]");
        List<Message> list = List.of(msg(1, Role.USER, "[{\"type\":\"text\",\"text\":\"hi\"}]"), call, result);
        String request = html.article(call, around(list, 1));
        assertThat(request).contains("<span class=\"tool-name\">developer__shell</span>", "&quot;command&quot; : &quot;ls -la&quot;",
                "<pre class=\"tool-output\">total 0\nfile.txt</pre>", "tool.done");
        assertThat(request).doesNotContain("&quot;status&quot;", "&quot;value&quot;");
        assertThat(html.article(result, around(list, 2))).contains(" hidden>").doesNotContain("tool-card");
        assertThat(request).contains("branch.label:2", "<span class=\"branch-pos\">2 / 3</span>");
    }

    @Test
    void toolErrorsShowAsErrors() {
        Message call = msg(1, Role.ASSISTANT, "[{\"type\":\"toolRequest\",\"id\":\"c\",\"toolCall\":{\"status\":\"success\","
                + "\"value\":{\"name\":\"fetch\",\"arguments\":{}}}}]");
        Message result = msg(2, Role.USER, "[{\"type\":\"toolResponse\",\"id\":\"c\",\"toolResult\":{\"status\":\"error\","
                + "\"error\":\"connection refused\"}}]");
        String out = html.article(call, around(List.of(call, result), 0));
        assertThat(out).contains("tool-card", "tool-error-text\">connection refused<", "tool.error");
    }

    @Test
    void longToolOutputIsFoldedBehindShowAll() {
        String lines = "line\\n".repeat(500);
        Message call = msg(1, Role.ASSISTANT, "[{\"type\":\"toolRequest\",\"id\":\"c\",\"toolCall\":{\"status\":\"success\","
                + "\"value\":{\"name\":\"cat\",\"arguments\":{}}}}]");
        Message result = msg(2, Role.USER, "[{\"type\":\"toolResponse\",\"id\":\"c\",\"toolResult\":{\"status\":\"success\","
                + "\"value\":[{\"type\":\"text\",\"text\":\"" + lines + "\"}]}}]");
        String out = html.article(call, around(List.of(call, result), 0));
        assertThat(out).contains("<span class=\"tool-more\" hidden>", "data-act=\"show-all\"", "tool.showAll:500");
    }

    @Test
    void thinkingIsFoldedAndImagesInline() {
        Message m = msg(1, Role.ASSISTANT, "[{\"type\":\"thinking\",\"thinking\":\"let me *think*\"},"
                + "{\"type\":\"image\",\"data\":\"iVBORw0KGgo=\",\"mimeType\":\"image/png\"},"
                + "{\"type\":\"image\",\"data\":\"PHN2Zz4=\",\"mimeType\":\"image/svg+xml\"},{\"type\":\"futureThing\"}]");
        String out = html.article(m, MessageContext.ALONE);
        assertThat(out).contains("<details class=\"thinking\"><summary>thinking</summary>", "<em>think</em>",
                "src=\"data:image/png;base64,iVBORw0KGgo=\"", "image.bad:image/svg+xml", "unsupported.type:futureThing");
        assertThat(out).doesNotContain("<details class=\"thinking\" open");
    }

    @Test
    void aFiveMegabyteMessageRendersOnlyItsFirstFold() {
        String big = ("word ".repeat(15) + "\n").repeat(70_000);
        Message m = msg(1, Role.USER, dev.sessiondesk.model.ContentItems.textArray(big));
        assertThat(big.length()).isGreaterThan(5_000_000);
        long start = System.nanoTime();
        String out = html.article(m, MessageContext.ALONE);
        assertThat(out.length()).isLessThan(MessageHtml.FOLD_CHARS + 10_000);
        assertThat(out).contains("class=\"fold no-copy\"", "data-total=\"" + big.length() + "\"", "data-act=\"more\"");
        assertThat((System.nanoTime() - start) / 1e6).isLessThan(2_000);
        String chunk = MessageHtml.chunk(big, MessageHtml.foldPoint(big));
        assertThat(chunk.length()).isBetween(MessageHtml.CHUNK_CHARS, MessageHtml.CHUNK_CHARS + 100);
    }

    @Test
    void theFoldNeverCutsThroughAnInlineImage() {
        String text = "Look:\n\n![chart](data:image/png;base64," + "A".repeat(60_000) + ")\n\nafter";
        Message m = msg(1, Role.ASSISTANT, dev.sessiondesk.model.ContentItems.textArray(text));
        String out = html.article(m, MessageContext.ALONE);
        assertThat(out).contains("<img class=\"inline-image\" src=\"data:image/png;base64,AAAA").doesNotContain("![chart]");
    }

    @Test
    void copyAsMarkdownKeepsFencesAndIndentation() {
        String text = "Here:\n\n```java\nclass A {\n    int x;\n}\n```\n";
        Message m = msg(1, Role.ASSISTANT, dev.sessiondesk.model.ContentItems.textArray(text));
        assertThat(MessageMarkdown.of(m)).isEqualTo(text);
    }

    @Test
    void unknownJsonStaysVisibleAsUnsupported() {
        assertThat(html.article(msg(1, Role.USER, "not json"), MessageContext.ALONE)).contains("unsupported.json");
    }
}
