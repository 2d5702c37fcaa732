package dev.sessiondesk.app.render;

/** Escaping for text and attribute values in the HTML this package writes. */
public final class Html {
    private Html() {
    }

    /** {@code s} as HTML text or a double-quoted attribute value: nothing in it can open a tag or end the quote. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        appendEscaped(sb, s, 0, s.length());
        return sb.toString();
    }

    public static void appendEscaped(StringBuilder sb, CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '\0' -> sb.append('\uFFFD');
                default -> sb.append(c);
            }
        }
    }
}
