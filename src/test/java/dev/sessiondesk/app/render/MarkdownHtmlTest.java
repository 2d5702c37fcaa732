package dev.sessiondesk.app.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownHtmlTest {
    static final Labels KEYS = (key, args) -> key + (args.length > 0 ? ":" + args[0] : "");
    private final MarkdownHtml md = new MarkdownHtml(KEYS);

    @Test
    void rendersGithubFlavouredMarkdown() {
        String html = md.render("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~gone~~ see https://example.org/x");
        assertThat(html).contains("<table>", "<th>a</th>", "<td>2</td>");
        assertThat(html).contains("type=\"checkbox\"").containsPattern("checked=\"\"|checked");
        assertThat(html).contains("<del>gone</del>");
        assertThat(html).contains("<a href=\"https://example.org/x\"");
    }

    @Test
    void codeBlocksKeepIndentationAndCarryALanguageLabelAndCopy() {
        String html = md.render("```python\ndef f():\n        return \"<b>\"\n```");
        assertThat(html).contains("<span class=\"code-lang\">python</span>", "data-act=\"copy-code\">code.copy<",
                "<code class=\"language-python\">def f():\n        return &quot;&lt;b&gt;&quot;</code>");
    }

    @Test
    void codeLanguageCannotBreakOutOfItsAttribute() {
        String html = md.render("```js\" onmouseover=\"alert(1)\nx\n```");
        assertThat(html).doesNotContain("onmouseover=\"").contains("class=\"language-js\"");
    }

    @Test
    void mathInAllFourNotationsBecomesMathElementsWithTheTexIntact() {
        String html = md.render("Inline $a*b*c_1$ and \\(x^2\\).\n\n$$\\sum_{i=1}^n i$$\n\n\\[E = mc^2\\]");
        assertThat(html).contains("class=\"math math-inline\" data-tex=\"a*b*c_1\"",
                "class=\"math math-inline\" data-tex=\"x^2\"",
                "class=\"math math-display\" data-tex=\"\\sum_{i=1}^n i\"",
                "class=\"math math-display\" data-tex=\"E = mc^2\"");
        assertThat(html).doesNotContain("<em>");
    }

    @Test
    void moneyIsNotMath() {
        String html = md.render("It costs $5 and $10, or \\$20.");
        assertThat(html).doesNotContain("class=\"math").contains("$5 and $10, or $20.");
    }

    @Test
    void mathCannotInjectMarkup() {
        String html = md.render("$\\text{<img src=x onerror=alert(1)>}$");
        assertThat(html).doesNotContain("<img").contains("&lt;img");
    }

    @Test
    void rawHtmlIsEscapedNeverInterpreted() {
        String html = md.render("<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)> <iframe src=\"https://evil\"></iframe>"
                + "\n\n<style>body{display:none}</style>\n\n<a href=\"javascript:alert(1)\">x</a>");
        assertThat(html).doesNotContain("<script", "<img", "<iframe", "<style", "<a href=\"javascript");
        assertThat(html).contains("&lt;script&gt;", "&lt;iframe", "&lt;style&gt;");
    }

    @Test
    void dangerousLinksAreRefusedAndSafeOnesKept() {
        String html = md.render("[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](file:///etc/passwd) "
                + "[d](data:text/html,<script>alert(1)</script>) [e](vbscript:x) [f](https://ok.example/) [g](mailto:me@example.org)");
        assertThat(html).doesNotContainIgnoringCase("href=\"javascript").doesNotContain("href=\"file:", "href=\"data:",
                "href=\"vbscript");
        assertThat(html).contains("<a href=\"https://ok.example/\"", "<a href=\"mailto:me@example.org\"");
        assertThat(html.split("refused-link", -1)).hasSize(6);
    }

    @Test
    void remoteImagesAreNotLoadedButDataImagesShow() {
        String html = md.render("![tracker](https://evil.example/pixel.png) ![ok](data:image/png;base64,iVBORw0KGgo=)"
                + " ![svg](data:image/svg+xml;base64,PHN2Zz4=)");
        assertThat(html).doesNotContain("src=\"https://", "image/svg");
        assertThat(html).contains("<img class=\"inline-image\" src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"ok\">");
        assertThat(html).contains("image.notShown:tracker");
    }

    @Test
    void autolinksOfOtherSchemesAreNotLinks() {
        String html = md.render("<javascript:alert(1)> and www.example.org");
        assertThat(html).doesNotContain("href=\"javascript");
    }
}
