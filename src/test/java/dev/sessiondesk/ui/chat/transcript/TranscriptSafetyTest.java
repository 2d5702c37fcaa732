package dev.sessiondesk.ui.chat.transcript;

import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.fxRun;
import static dev.sessiondesk.ui.GuiFixture.waitFor;
import static dev.sessiondesk.ui.chat.transcript.TranscriptFixture.message;
import static dev.sessiondesk.ui.chat.transcript.TranscriptFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.ui.GuiFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Untrusted content in the real page: nothing runs, nothing loads, links obey the policy; huge content stays folded. */
class TranscriptSafetyTest {
    static final String HOSTILE = "<script>window.pwned='script'</script>\n\n"
            + "<img src=x onerror=\"window.pwned='onerror'\">\n\n"
            + "[click](javascript:window.pwned='link') [data](data:text/html,<script>alert(1)</script>)\n\n"
            + "![remote](https://tracker.example/pixel.png)\n\n"
            + "<iframe src=\"https://evil.example\"></iframe>\n\n"
            + "<style>body{display:none !important}</style>\n\n"
            + "<div style=\"position:fixed;inset:0\" onclick=\"window.pwned='div'\">cover</div>\n\n"
            + "<svg onload=\"window.pwned='svg'\"></svg> <a href=\"https://ok.example/\" onmouseover=\"window.pwned='a'\">ok</a>\n\n"
            + "$\\href{javascript:window.pwned='katex'}{x}$ and $\\htmlId{x}{y}$";
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

    @Test
    void hostileMarkdownIsNeutralisedInThePage() throws Exception {
        Message hostile = text(1, Role.ASSISTANT, HOSTILE);
        Message toolHostile = message(2, Role.USER, "[{\"type\":\"toolResponse\",\"id\":\"x\",\"toolResult\":{\"status\":\"success\","
                + "\"value\":[{\"type\":\"text\",\"text\":\"<script>window.pwned='tool'</script>\"}]}},"
                + "{\"type\":\"image\",\"mimeType\":\"image/png\\\" onerror=\\\"window.pwned='mime'\",\"data\":\"AAAA\"}]",
                MessageState.COMPLETE);
        fixture = new TranscriptFixture(Map.of()).show(List.of(hostile, toolHostile));
        waitFor("both articles", () -> fixture.count("article.msg") == 2);
        Thread.sleep(300); // give any handler that slipped through the chance to run
        assertThat(fixture.js("String(window.pwned)")).isEqualTo("undefined");
        assertThat(fixture.js("document.scripts.length")).isEqualTo(4); // DOMPurify, highlight.js, KaTeX, ours
        assertThat(fixture.js("Array.prototype.every.call(document.scripts, function(s){return s.nonce || s.getAttribute('nonce');})"))
                .isEqualTo(true);
        assertThat(fixture.count("#transcript script, #transcript iframe, #transcript style, #transcript svg, #transcript object"))
                .isZero();
        // (KaTeX, our own script, sizes its output through element.style; nothing else may carry a style)
        assertThat(fixture.js("Array.prototype.some.call(document.querySelectorAll('#transcript *'), function(e){"
                + "return Array.prototype.some.call(e.attributes, function(a){"
                + "return /^on/i.test(a.name) || (a.name==='style' && !e.closest('.katex'));});})"))
                .isEqualTo(false);
        assertThat(fixture.count("#transcript [href^='javascript' i], #transcript [href^='data' i]")).isZero();
        assertThat(fixture.js("Array.prototype.every.call(document.querySelectorAll('#transcript img'), function(i){"
                + "return i.getAttribute('src').indexOf('data:image/') === 0;})")).isEqualTo(true);
        assertThat(fixture.text("#m-1")).contains("<script>window.pwned='script'</script>", "cover");
        assertThat(fixture.js("getComputedStyle(document.body).display")).isEqualTo("block");
        assertThat(fixture.count("#m-1 a")).isZero(); // raw HTML anchors are text, not links
        assertThat(fixture.text("#m-1")).contains("<a href=\"https://ok.example/\"");
        // the CSP itself: a script added behind the sanitiser's back still does not run
        fxRun(() -> fixture.view.script("var s=document.createElement('script');s.textContent=\"window.pwned='csp'\";"
                + "document.body.appendChild(s);"));
        assertThat(fixture.js("String(window.pwned)")).isEqualTo("undefined");
    }

    @Test
    void linksOpenInTheBrowserOnlyForHttpHttpsAndMailto() throws Exception {
        fixture = new TranscriptFixture(Map.of()).show(List.of(text(1, Role.ASSISTANT,
                "[site](https://example.org/a) [mail](mailto:me@example.org) [bad](javascript:alert(1)) [file](file:///etc/passwd)")));
        waitFor("the article", () -> fixture.count("article.msg") == 1);
        fixture.js("document.querySelector('a[href^=https]').click()");
        fixture.js("document.querySelector('a[href^=mailto]').click()");
        fixture.js("Array.prototype.forEach.call(document.querySelectorAll('.refused-link'), function(e){e.click();})");
        fxRun(() -> {
            fixture.view.openLink("javascript:alert(1)"); // as if a page script forged the call
            fixture.view.openLink("file:///etc/passwd");
        });
        assertThat(fixture.opened).containsExactly("https://example.org/a", "mailto:me@example.org");
        assertThat(fixture.js("location.href")).isEqualTo("about:blank");
    }

    @Test
    void aFiveMegabyteMessageIsFoldedAndShownInChunks() throws Exception {
        String big = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit " + "x".repeat(40) + "\n").repeat(52_000);
        assertThat(big.length()).isGreaterThan(5_000_000);
        long start = System.nanoTime();
        fixture = new TranscriptFixture(Map.of()).show(List.of(text(1, Role.USER, big), text(2, Role.ASSISTANT, "ok")));
        waitFor("both articles", () -> fixture.count("article.msg") == 2);
        double millis = (System.nanoTime() - start) / 1e6;
        int shown = ((Number) fixture.js("document.getElementById('m-1').textContent.length")).intValue();
        assertThat(shown).isLessThan(40_000);
        assertThat(fixture.count("#m-1 .fold [data-act=more]")).isEqualTo(1);
        assertThat(millis).as("page with a 5 MB message ready").isLessThan(15_000);
        fixture.js("document.querySelector('#m-1 [data-act=more]').click()");
        waitFor("one more chunk", () -> fixture.count("#m-1 .raw-chunk") == 1);
        int more = ((Number) fixture.js("document.getElementById('m-1').textContent.length")).intValue();
        assertThat(more - shown).isBetween(90_000, 110_000);
        // Copy still gets the whole message, from the record, not the page
        fixture.js("document.querySelector('#m-1 [data-act=copy]').click()");
        assertThat(fxGet(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())).hasSize(big.length());
    }

    @Test
    void aStreamingReplyUpdatesOnlyItsOwnArticle() throws Exception {
        fixture = new TranscriptFixture(Map.of()).show(List.of(text(1, Role.USER, "hi"),
                message(2, Role.ASSISTANT, ContentItems.textArray("Hel"), MessageState.STREAMING)));
        waitFor("two articles", () -> fixture.count("article.msg") == 2);
        fixture.js("document.getElementById('m-1').dataset.mark = 'untouched'");
        for (String partial : new String[] {"Hello", "Hello, wor", "Hello, world"}) {
            fxRun(() -> fixture.messages.set(1, message(2, Role.ASSISTANT, ContentItems.textArray(partial), MessageState.STREAMING)));
            Thread.sleep(80);
        }
        fxRun(() -> fixture.messages.set(1, message(2, Role.ASSISTANT, ContentItems.textArray("Hello, world!"), MessageState.COMPLETE)));
        waitFor("the finished reply", () -> "Hello, world!".equals(String.valueOf(fixture.text("#m-2 .md")).strip()));
        assertThat(fixture.js("document.getElementById('m-1').dataset.mark")).isEqualTo("untouched");
        assertThat(fixture.count("#m-2.state-complete")).isEqualTo(1);
        fxRun(() -> fixture.messages.add(text(3, Role.USER, "thanks")));
        waitFor("the appended message", () -> fixture.count("article.msg") == 3);
        assertThat(fixture.js("document.getElementById('m-1').dataset.mark")).isEqualTo("untouched");
    }

    @Test
    void aLongSessionShowsItsEndFirstAndPagesOlderMessagesInOnScrollUp() throws Exception {
        List<Message> many = new ArrayList<>();
        for (int i = 1; i <= 500; i++) {
            many.add(text(i, i % 2 == 1 ? Role.USER : Role.ASSISTANT, "Message number " + i + "\n\nwith a second paragraph."));
        }
        fixture = new TranscriptFixture(Map.of()).show(many);
        waitFor("the last message", () -> fixture.count("#m-500") == 1);
        assertThat(fixture.count("article.msg")).isLessThanOrEqualTo(TranscriptSync.PAGE_MESSAGES);
        assertThat(((Number) fixture.js("window.scrollY")).intValue()).isGreaterThan(0); // at the bottom
        for (int round = 0; round < 40 && fixture.count("#m-1") == 0; round++) {
            fixture.js("window.scrollTo(0, 0)");
            Thread.sleep(100);
        }
        assertThat(fixture.count("article.msg")).isEqualTo(500);
        assertThat(fixture.js("document.querySelector('article.msg').id")).isEqualTo("m-1");
        assertThat(fxGet(() -> fixture.view.reveal(250, List.of()))).isTrue();
    }
}
