package dev.sessiondesk.app.render;

import java.util.List;
import java.util.Set;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * GitHub-flavoured Markdown (tables, task lists, strikethrough, autolinks) plus TeX math, to HTML that
 * is safe to show: raw HTML in the Markdown is escaped to text, never interpreted; links keep an
 * {@code href} only when {@link LinkPolicy#isOpenable} allows it; images show only from {@code data:}
 * URIs; code blocks carry a language label and a Copy button. The output contains no script, no
 * event handler, no {@code style} and no address that loads anything. Thread-safe.
 */
public final class MarkdownHtml {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(),
            StrikethroughExtension.create(), AutolinkExtension.create(), TaskListItemsExtension.create());
    private static final Parser PARSER = Parser.builder()
            .extensions(EXTENSIONS)
            .customInlineContentParserFactory(new MathSyntax.BackslashFactory())
            .customInlineContentParserFactory(new MathSyntax.DollarFactory())
            .build();

    private final HtmlRenderer renderer;

    public MarkdownHtml(Labels labels) {
        this.renderer = HtmlRenderer.builder()
                .extensions(EXTENSIONS)
                .escapeHtml(true)
                .sanitizeUrls(true)
                .nodeRendererFactory(MathSyntax.Renderer::new)
                .nodeRendererFactory(context -> new SafeNodes(context, labels))
                .build();
    }

    /** The HTML of {@code markdown}; null is empty. */
    public String render(String markdown) {
        return renderer.render(PARSER.parse(markdown == null ? "" : markdown));
    }

    /** Links, images and code blocks, written by hand so their addresses and markup follow the policy. */
    private static final class SafeNodes implements NodeRenderer {
        private final HtmlNodeRendererContext context;
        private final HtmlWriter html;
        private final Labels labels;

        SafeNodes(HtmlNodeRendererContext context, Labels labels) {
            this.context = context;
            this.html = context.getWriter();
            this.labels = labels;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Link.class, Image.class, FencedCodeBlock.class, IndentedCodeBlock.class);
        }

        @Override
        public void render(Node node) {
            if (node instanceof Link link) {
                link(link);
            } else if (node instanceof Image image) {
                image(image);
            } else if (node instanceof FencedCodeBlock code) {
                codeBlock(code.getInfo(), code.getLiteral());
            } else if (node instanceof IndentedCodeBlock code) {
                codeBlock("", code.getLiteral());
            }
        }

        private void link(Link link) {
            String target = link.getDestination();
            if (LinkPolicy.isOpenable(target)) {
                html.raw("<a href=\"" + Html.escape(target.strip()) + "\" title=\"" + Html.escape(target.strip())
                        + "\" rel=\"noopener noreferrer\">");
                children(link);
                html.raw("</a>");
            } else {
                html.raw("<span class=\"refused-link\" title=\"" + Html.escape(labels.get("link.refused", target))
                        + "\">");
                children(link);
                html.raw("</span>");
            }
        }

        private void image(Image image) {
            String alt = plainText(image);
            if (LinkPolicy.isInlineImage(image.getDestination())) {
                html.raw("<img class=\"inline-image\" src=\"" + Html.escape(image.getDestination()) + "\" alt=\""
                        + Html.escape(alt) + "\">");
            } else {
                html.raw("<span class=\"refused-image\" title=\"" + Html.escape(labels.get("image.refused"))
                        + "\">");
                html.text(labels.get("image.notShown", alt));
                html.raw("</span>");
            }
        }

        private void codeBlock(String info, String literal) {
            String language = language(info);
            html.line();
            html.raw("<div class=\"code-block\"><div class=\"code-head no-copy\"><span class=\"code-lang\">");
            html.text(language.isEmpty() ? labels.get("code.plain") : language);
            html.raw("</span><button type=\"button\" class=\"copy-code\" data-act=\"copy-code\">");
            html.text(labels.get("code.copy"));
            html.raw("</button></div><pre><code" + (language.isEmpty() ? "" : " class=\"language-" + language + "\"")
                    + ">");
            html.text(literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal);
            html.raw("</code></pre></div>");
            html.line();
        }

        private void children(Node parent) {
            for (Node child = parent.getFirstChild(); child != null; ) {
                Node next = child.getNext();
                context.render(child);
                child = next;
            }
        }

        private static String language(String info) {
            if (info == null || info.isBlank()) {
                return "";
            }
            String word = info.strip().split("\\s+", 2)[0];
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < word.length() && sb.length() < 32; i++) {
                char c = word.charAt(i);
                if (Character.isLetterOrDigit(c) && c < 128 || c == '+' || c == '#' || c == '-' || c == '_' || c == '.') {
                    sb.append(c);
                }
            }
            return sb.toString();
        }

        private static String plainText(Node node) {
            StringBuilder sb = new StringBuilder();
            node.accept(new AbstractVisitor() {
                @Override
                public void visit(Text text) {
                    sb.append(text.getLiteral());
                }

                @Override
                public void visit(Code code) {
                    sb.append(code.getLiteral());
                }
            });
            return sb.toString();
        }
    }
}
