package dev.sessiondesk.ui.chat.transcript;

import static dev.sessiondesk.ui.GuiFixture.fx;
import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.fxRun;
import static dev.sessiondesk.ui.GuiFixture.waitFor;
import static dev.sessiondesk.ui.chat.transcript.TranscriptFixture.message;
import static dev.sessiondesk.ui.chat.transcript.TranscriptFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.ui.GuiFixture;
import dev.sessiondesk.ui.chat.transcript.TranscriptActions.Alternatives;
import java.util.List;
import java.util.Map;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The transcript page, checked by DOM queries on a real WebView (Monocle), never by pixels. */
class TranscriptViewTest {
    static final String ANSWER = "Here is a table:\n\n| name | size |\n|---|---|\n| a.txt | 3 |\n\n- [x] parsed\n- [ ] shipped\n\n"
            + "~~old~~ and https://example.org/docs plus [bad](javascript:alert(1))\n\n"
            + "```python\ndef f(x):\n        return x * 2  # a very long line " + "that goes on ".repeat(30) + "\n```\n\n"
            + "Inline $E = mc^2$ and display:\n\n$$\\int_0^1 x\\,dx = \\frac{1}{2}$$\n\n![dot](data:image/png;base64,"
            + TranscriptFixture.PNG + ")";
    private TranscriptFixture fixture;

    @BeforeAll
    static void toolkit() throws Exception {
        GuiFixture.startToolkit();
    }

    @AfterEach
    void close() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    static List<dev.sessiondesk.model.Message> conversation() {
        return List.of(
                text(1, Role.USER, "Show me a table, some code and math 🙂"),
                message(2, Role.ASSISTANT, "[{\"type\":\"thinking\",\"thinking\":\"The user wants **everything**.\"},"
                        + "{\"type\":\"text\",\"text\":" + TranscriptView.js(ANSWER) + "}]", MessageState.COMPLETE),
                message(3, Role.ASSISTANT, "[{\"type\":\"toolRequest\",\"id\":\"call_1\",\"toolCall\":{\"status\":\"success\","
                        + "\"value\":{\"name\":\"developer__shell\",\"arguments\":{\"command\":\"ls\"}}}}]", MessageState.COMPLETE),
                message(4, Role.USER, "[{\"type\":\"toolResponse\",\"id\":\"call_1\",\"toolResult\":{\"status\":\"success\","
                        + "\"value\":[{\"type\":\"text\",\"text\":\"a.txt\\nb.txt\"}]}}]", MessageState.COMPLETE),
                message(5, Role.ASSISTANT, "[{\"type\":\"image\",\"data\":\"" + TranscriptFixture.PNG
                        + "\",\"mimeType\":\"image/png\"},{\"type\":\"text\",\"text\":\"Done.\"}]", MessageState.COMPLETE));
    }

    @Test
    void rendersTheFixtureConversation() throws Exception {
        fixture = new TranscriptFixture(Map.of(2, new Alternatives(2, 3))).show(conversation());
        waitFor("five articles", () -> fixture.count("article.msg") == 5);
        assertThat(fixture.count("main[role=log]")).isEqualTo(1);
        assertThat(fixture.count("#m-2 table th")).isEqualTo(2);
        assertThat(fixture.count("#m-2 input[type=checkbox]")).isEqualTo(2);
        assertThat(fixture.count("#m-2 del")).isEqualTo(1);
        assertThat(fixture.count("#m-2 a[href='https://example.org/docs']")).isEqualTo(1);
        assertThat(fixture.count("#m-2 .refused-link")).isEqualTo(1);
        assertThat(fixture.text("#m-2 .code-lang")).isEqualTo("python");
        assertThat(fixture.count("#m-2 .code-block button.copy-code")).isEqualTo(1);
        waitFor("highlight.js to colour the code", () -> fixture.count("#m-2 pre code.hljs .hljs-keyword") > 0);
        assertThat(fixture.js("getComputedStyle(document.querySelector('#m-2 pre')).whiteSpace")).isEqualTo("pre");
        assertThat(fixture.js("getComputedStyle(document.querySelector('#m-2 pre')).overflowX")).isEqualTo("auto");
        assertThat(fixture.count("#m-2 .math-inline .katex")).isEqualTo(1);
        assertThat(fixture.count("#m-2 .math-display .katex-display")).isEqualTo(1);
        assertThat(fixture.count("#m-2 img.inline-image[src^='data:image/png']")).isEqualTo(1);
        assertThat(fixture.js("document.querySelector('#m-2 details.thinking').open")).isEqualTo(false);
        // the tool result sits under its request; its own "You" message is not shown
        assertThat(fixture.text("#m-3 .tool-card .tool-name")).isEqualTo("developer__shell");
        assertThat(fixture.text("#m-3 .tool-card .tool-result .tool-output")).isEqualTo("a.txt\nb.txt");
        assertThat(fixture.js("document.getElementById('m-4').hidden")).isEqualTo(true);
        assertThat(fixture.count("#m-5 img.inline-image")).isEqualTo(1);
        assertThat(fixture.text("#m-2 .branch-pos")).isEqualTo("2 / 3");
        assertThat(fixture.count("article.msg[aria-label] [role=toolbar]")).isEqualTo(5);
    }

    /** (Carried over from the list view's MessageViewTest: every kind of content shows, nothing is dropped.) */
    @Test
    void everyKindOfContentIsShownNothingDropped() throws Exception {
        String content = "[{\"type\":\"text\",\"text\":\"Hello **bold** and `code`\\n\\n- one\\n- two\"},"
                + "{\"type\":\"thinking\",\"thinking\":\"private reasoning\"},"
                + "{\"type\":\"toolRequest\",\"id\":\"t\",\"toolCall\":{\"status\":\"success\",\"value\":{\"name\":\"shell\",\"arguments\":{}}}},"
                + "{\"type\":\"toolResponse\",\"id\":\"t\",\"toolResult\":{\"status\":\"success\",\"value\":[{\"type\":\"text\",\"text\":\"ok\"}]}},"
                + "{\"type\":\"image\",\"data\":\"" + TranscriptFixture.PNG + "\",\"mimeType\":\"image/png\"},"
                + "{\"type\":\"hologram\",\"payload\":1}]";
        fixture = new TranscriptFixture(Map.of()).show(List.of(message(1, Role.ASSISTANT, content, MessageState.INTERRUPTED),
                message(2, Role.USER, "[{\"type\":\"image\",\"data\":\"%%%not base64\",\"mimeType\":\"image/png\"}]",
                        MessageState.COMPLETE)));
        waitFor("two articles", () -> fixture.count("article.msg") == 2);
        assertThat(fixture.text("#m-1 .md strong")).isEqualTo("bold");
        assertThat(fixture.text("#m-1 .md code")).isEqualTo("code");
        assertThat(fixture.count("#m-1 .md ul li")).isEqualTo(2);
        assertThat(fixture.js("document.querySelector('#m-1 details.thinking').open")).isEqualTo(false);
        assertThat(fixture.text("#m-1 details.thinking summary")).isEqualTo("Thinking");
        assertThat(fixture.text("#m-1 .tool-card .tool-name")).isEqualTo("shell");
        assertThat(fixture.text("#m-1 .tool-output")).isEqualTo("ok"); // a response in the same message: its own card
        assertThat(fixture.count("#m-1 img.inline-image")).isEqualTo(1);
        assertThat(fixture.text("#m-1 .unsupported")).isEqualTo("Unsupported content: content of type \"hologram\"");
        assertThat(fixture.text("#m-1 .msg-state")).isEqualTo("interrupted");
        assertThat(fixture.text("#m-1 .msg-author")).isEqualTo("Assistant");
        assertThat(fixture.text("#m-2 .unsupported")).isEqualTo("Unsupported content: an image that cannot be shown (image/png)");
    }

    @Test
    void imagesEnlargeOnClick() throws Exception {
        fixture = new TranscriptFixture(Map.of()).show(conversation());
        waitFor("the image", () -> fixture.count("#m-5 img.inline-image") == 1);
        fixture.js("document.querySelector('#m-5 img.inline-image').click()");
        assertThat(fixture.js("document.getElementById('overlay').hidden")).isEqualTo(false);
        assertThat(fixture.count("#overlay img[src^='data:image/png']")).isEqualTo(1);
        fixture.js("document.getElementById('overlay').click()");
        assertThat(fixture.js("document.getElementById('overlay').hidden")).isEqualTo(true);
    }

    @Test
    void copyPutsTheRightTextOnTheClipboard() throws Exception {
        fixture = new TranscriptFixture(Map.of()).show(conversation());
        waitFor("five articles", () -> fixture.count("article.msg") == 5);
        // Ctrl+A, Ctrl+C in the transcript: the whole conversation as text, math as TeX, no button captions
        fxRun(() -> {
            fixture.view.webView().fireEvent(key(KeyCode.A));
            fixture.view.webView().fireEvent(key(KeyCode.C));
        });
        String all = fxGet(() -> Clipboard.getSystemClipboard().getString());
        assertThat(all).contains("Show me a table, some code and math", "a.txt", "$E = mc^2$", "return x * 2", "Done.");
        assertThat(all).doesNotContain("Regenerate", "Duplicate from here");
        // the code block's Copy: exactly the code, indentation kept
        fixture.js("document.querySelector('#m-2 .copy-code').click()");
        assertThat(fxGet(() -> Clipboard.getSystemClipboard().getString()))
                .startsWith("def f(x):\n        return x * 2").doesNotContain("```");
        // the message's Copy: its Markdown, fences kept
        fixture.js("document.querySelector('#m-2 [data-act=copy]').click()");
        assertThat(fxGet(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(ANSWER);
    }

    @Test
    void toolbarButtonsAndKeysCallTheMessageActions() throws Exception {
        fixture = new TranscriptFixture(Map.of(2, new Alternatives(1, 2))).show(conversation());
        waitFor("five articles", () -> fixture.count("article.msg") == 5);
        fixture.js("document.querySelector('#m-2 [data-act=regenerate]').click()");
        fixture.js("document.querySelector('#m-5 [data-act=hide]').click()");
        fixture.js("document.querySelector('#m-1 [data-act=duplicate]').click()");
        fixture.js("document.querySelector('#m-2 [data-act=branch-next]').click()");
        fixture.js("document.querySelector('#m-2 [data-act=branch-prev]').click()"); // disabled at 1 of 2
        fixture.js("document.getElementById('m-5').focus();"
                + "document.getElementById('m-5').dispatchEvent(new KeyboardEvent('keydown',{key:'r',bubbles:true}))");
        assertThat(fixture.actions.calls).containsExactly("regenerate 2", "hide 5", "duplicate 1", "switch 2 1", "regenerate 5");
    }

    @Test
    void theBranchSwitcherFollowsABranchMadeAfterTheMessageWasShown() throws Exception {
        Map<Integer, Alternatives> branches = new java.util.concurrent.ConcurrentHashMap<>();
        fixture = new TranscriptFixture(branches).show(conversation());
        waitFor("five articles", () -> fixture.count("article.msg") == 5);
        assertThat(fixture.count("#m-2 .branch-pos")).isZero();
        // another window regenerated message 2: it now has an alternative, then a third
        branches.put(2, new Alternatives(1, 2));
        fxRun(() -> fixture.actions.watcher.accept(2));
        waitFor("the switcher at message 2", () -> "1 / 2".equals(fixture.text("#m-2 .branch-pos")));
        branches.put(2, new Alternatives(1, 3));
        fxRun(() -> fixture.actions.watcher.accept(2));
        waitFor("the switcher to count three", () -> "1 / 3".equals(fixture.text("#m-2 .branch-pos")));
        assertThat(fixture.count("article.msg")).isEqualTo(5);
        // a fork point that is not on the page changes nothing
        fxRun(() -> fixture.actions.watcher.accept(99));
        assertThat(fixture.text("#m-2 .branch-pos")).isEqualTo("1 / 3");
    }

    @Test
    void theContextMenuOffersTheMessagesActions() throws Exception {
        fixture = new TranscriptFixture(Map.of()).show(conversation());
        waitFor("five articles", () -> fixture.count("article.msg") == 5);
        var menu = fx(() -> {
            MessageMenu m = new MessageMenu(fixture.view, fixture.actions, dev.sessiondesk.ui.i18n.Texts.of("transcript"));
            m.show(fixture.view.webView(), 1, "", null, 100, 100);
            return m.shownMenu();
        });
        List<String> ids = fxGet(() -> menu.getItems().stream().map(i -> String.valueOf(i.getId())).toList());
        assertThat(ids).contains("menu-copy", "menu-copy-message", "menu-edit", "menu-hide", "menu-duplicate");
        fxRun(() -> menu.getItems().stream().filter(i -> "menu-hide".equals(i.getId())).findFirst().orElseThrow().fire());
        assertThat(fixture.actions.calls).containsExactly("hide 1");
        fxRun(menu::hide);
    }

    private static KeyEvent key(KeyCode code) {
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, true, false, false);
    }
}
