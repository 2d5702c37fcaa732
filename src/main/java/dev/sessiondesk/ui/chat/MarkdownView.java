package dev.sessiondesk.ui.chat;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Renders Markdown (CommonMark) into JavaFX text nodes: paragraphs and headings as wrapping
 * {@link TextFlow}s, code blocks in a monospace box, lists with bullets or numbers, quotes indented.
 * Raw HTML is shown as text, never interpreted.
 */
final class MarkdownView {
    private static final Parser PARSER = Parser.builder().build();

    private MarkdownView() {
    }

    static VBox render(String markdown) {
        VBox box = new VBox(6);
        box.getStyleClass().add("markdown");
        org.commonmark.node.Node doc = PARSER.parse(markdown == null ? "" : markdown);
        for (org.commonmark.node.Node block = doc.getFirstChild(); block != null; block = block.getNext()) {
            box.getChildren().add(block(block, 0));
        }
        return box;
    }

    private static Node block(org.commonmark.node.Node block, int depth) {
        if (block instanceof Paragraph) {
            return flow(block, "md-paragraph");
        }
        if (block instanceof Heading h) {
            TextFlow flow = flow(h, "md-heading");
            flow.getStyleClass().add("md-h" + Math.min(h.getLevel(), 3));
            return flow;
        }
        if (block instanceof FencedCodeBlock code) {
            return codeBlock(code.getLiteral());
        }
        if (block instanceof IndentedCodeBlock code) {
            return codeBlock(code.getLiteral());
        }
        if (block instanceof HtmlBlock html) {
            return codeBlock(html.getLiteral());
        }
        if (block instanceof ThematicBreak) {
            return new Separator();
        }
        if (block instanceof BlockQuote) {
            VBox quote = children(block, depth);
            quote.getStyleClass().add("md-quote");
            return quote;
        }
        if (block instanceof BulletList || block instanceof OrderedList) {
            VBox list = new VBox(2);
            int n = block instanceof OrderedList ol && ol.getMarkerStartNumber() != null ? ol.getMarkerStartNumber() : 1;
            for (org.commonmark.node.Node item = block.getFirstChild(); item != null; item = item.getNext()) {
                String marker = block instanceof OrderedList ? (n++) + ". " : "•  ";
                list.getChildren().add(listItem((ListItem) item, marker, depth + 1));
            }
            list.setStyle("-fx-padding: 0 0 0 " + 14 + ";");
            return list;
        }
        return flow(block, "md-paragraph");
    }

    private static Node listItem(ListItem item, String marker, int depth) {
        VBox body = children(item, depth);
        if (!body.getChildren().isEmpty() && body.getChildren().get(0) instanceof TextFlow first) {
            first.getChildren().add(0, new Text(marker));
        } else {
            body.getChildren().add(0, new TextFlow(new Text(marker)));
        }
        return body;
    }

    private static VBox children(org.commonmark.node.Node parent, int depth) {
        VBox box = new VBox(4);
        for (org.commonmark.node.Node c = parent.getFirstChild(); c != null; c = c.getNext()) {
            box.getChildren().add(block(c, depth));
        }
        return box;
    }

    private static Node codeBlock(String literal) {
        Label code = new Label(literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal);
        code.getStyleClass().add("md-code-block");
        code.setWrapText(true);
        code.setMaxWidth(Double.MAX_VALUE);
        return code;
    }

    private static TextFlow flow(org.commonmark.node.Node block, String styleClass) {
        List<Text> texts = new ArrayList<>();
        inline(block, new ArrayList<>(), texts);
        TextFlow flow = new TextFlow(texts.toArray(new Text[0]));
        flow.getStyleClass().add(styleClass);
        return flow;
    }

    private static void inline(org.commonmark.node.Node parent, List<String> styles, List<Text> out) {
        for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof org.commonmark.node.Text t) {
                out.add(text(t.getLiteral(), styles));
            } else if (n instanceof Code c) {
                out.add(text(c.getLiteral(), with(styles, "md-code")));
            } else if (n instanceof SoftLineBreak) {
                out.add(text(" ", styles));
            } else if (n instanceof HardLineBreak) {
                out.add(text("\n", styles));
            } else if (n instanceof HtmlInline h) {
                out.add(text(h.getLiteral(), styles));
            } else if (n instanceof Emphasis) {
                inline(n, with(styles, "md-em"), out);
            } else if (n instanceof StrongEmphasis) {
                inline(n, with(styles, "md-strong"), out);
            } else if (n instanceof Link link) {
                int before = out.size();
                inline(n, with(styles, "md-link"), out);
                if (out.size() == before) {
                    out.add(text(link.getDestination(), with(styles, "md-link")));
                }
            } else {
                inline(n, styles, out); // images and anything else: their text
            }
        }
    }

    private static List<String> with(List<String> styles, String extra) {
        List<String> copy = new ArrayList<>(styles);
        copy.add(extra);
        return copy;
    }

    private static Text text(String s, List<String> styles) {
        Text t = new Text(s);
        t.getStyleClass().add("md-text");
        t.getStyleClass().addAll(styles);
        return t;
    }
}
