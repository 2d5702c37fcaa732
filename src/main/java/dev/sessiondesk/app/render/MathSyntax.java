package dev.sessiondesk.app.render;

import java.util.Set;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Node;
import org.commonmark.parser.beta.InlineContentParser;
import org.commonmark.parser.beta.InlineContentParserFactory;
import org.commonmark.parser.beta.InlineParserState;
import org.commonmark.parser.beta.ParsedInline;
import org.commonmark.parser.beta.Position;
import org.commonmark.parser.beta.Scanner;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * TeX math in Markdown: {@code $…$} and {@code \(…\)} inline, {@code $$…$$} and {@code \[…\]} on
 * their own. Parsed before emphasis and escapes see the TeX (so {@code $a*b*c$} keeps its stars) and
 * written as an element carrying the TeX as escaped text; the transcript typesets it with KaTeX in
 * its safe mode (no {@code \href}, no HTML), and without script the TeX itself stays readable.
 */
final class MathSyntax {
    private static final int MAX_TEX = 20_000;

    private MathSyntax() {
    }

    /** One piece of math: its TeX source and whether it is displayed on its own line. */
    static final class Math extends CustomNode {
        final String tex;
        final boolean display;

        Math(String tex, boolean display) {
            this.tex = tex;
            this.display = display;
        }
    }

    /** {@code $…$} and {@code $$…$$}; a {@code $} before a space or a digit after the closing one is money, not math. */
    static final class DollarFactory implements InlineContentParserFactory {
        @Override
        public Set<Character> getTriggerCharacters() {
            return Set.of('$');
        }

        @Override
        public InlineContentParser create() {
            return DollarFactory::parse;
        }

        private static ParsedInline parse(InlineParserState state) {
            Scanner s = state.scanner();
            Position start = s.position();
            s.next();
            boolean display = s.next('$');
            char first = s.peek();
            if (first == Scanner.END || (!display && Character.isWhitespace(first)) || first == '$') {
                s.setPosition(start);
                return ParsedInline.none();
            }
            StringBuilder tex = new StringBuilder();
            char previous = 0;
            while (s.hasNext() && tex.length() < MAX_TEX) {
                char c = s.peek();
                if (c == '$' && previous != '\\') {
                    s.next();
                    if (display) {
                        if (s.next('$')) {
                            return ParsedInline.of(new Math(tex.toString().strip(), true), s.position());
                        }
                        tex.append('$');
                        previous = '$';
                        continue;
                    }
                    boolean closes = !Character.isWhitespace(previous) && !Character.isDigit(s.peek());
                    if (closes) {
                        return ParsedInline.of(new Math(tex.toString(), false), s.position());
                    }
                    break;
                }
                tex.append(c);
                previous = c;
                s.next();
            }
            s.setPosition(start);
            return ParsedInline.none();
        }
    }

    /** {@code \(…\)} and {@code \[…\]}; any other backslash is left to CommonMark's own escapes. */
    static final class BackslashFactory implements InlineContentParserFactory {
        @Override
        public Set<Character> getTriggerCharacters() {
            return Set.of('\\');
        }

        @Override
        public InlineContentParser create() {
            return BackslashFactory::parse;
        }

        private static ParsedInline parse(InlineParserState state) {
            Scanner s = state.scanner();
            Position start = s.position();
            s.next();
            char open = s.peek();
            if (open != '(' && open != '[') {
                s.setPosition(start);
                return ParsedInline.none();
            }
            char close = open == '(' ? ')' : ']';
            s.next();
            StringBuilder tex = new StringBuilder();
            while (s.hasNext() && tex.length() < MAX_TEX) {
                char c = s.peek();
                s.next();
                if (c == '\\' && s.peek() == close) {
                    s.next();
                    if (tex.toString().isBlank()) {
                        break;
                    }
                    return ParsedInline.of(new Math(tex.toString().strip(), open == '['), s.position());
                }
                tex.append(c);
            }
            s.setPosition(start);
            return ParsedInline.none();
        }
    }

    /** Writes math as {@code <span class="math" data-tex="…">TeX</span>}: escaped text the page typesets. */
    static final class Renderer implements NodeRenderer {
        private final HtmlWriter html;

        Renderer(HtmlNodeRendererContext context) {
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Math.class);
        }

        @Override
        public void render(Node node) {
            Math math = (Math) node;
            html.raw("<span class=\"math " + (math.display ? "math-display" : "math-inline") + "\" data-tex=\""
                    + Html.escape(math.tex) + "\">");
            html.text(math.display ? "$$" + math.tex + "$$" : "$" + math.tex + "$");
            html.raw("</span>");
        }
    }
}
