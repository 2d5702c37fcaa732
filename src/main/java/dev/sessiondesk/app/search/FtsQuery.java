package dev.sessiondesk.app.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns what a person typed into a safe FTS5 query: every word becomes a quoted string (FTS5's own
 * operators, column filters and stray quotes in the input lose their meaning, so no input is a
 * syntax error), all words must match, and the last one also matches as a prefix while typing.
 */
public final class FtsQuery {
    private FtsQuery() {
    }

    /** The MATCH expression, or "" when the input has no searchable word. */
    public static String of(String input) {
        if (input == null) {
            return "";
        }
        List<String> terms = new ArrayList<>();
        for (String word : input.strip().split("\\s+")) {
            // unicode61 treats punctuation as separators; keep only what can match a token.
            String cleaned = word.replaceAll("[^\\p{L}\\p{N}\\p{M}_]+", " ").strip();
            for (String part : cleaned.split(" ")) {
                if (!part.isEmpty()) {
                    terms.add(part);
                }
            }
        }
        if (terms.isEmpty()) {
            return "";
        }
        boolean typingLastWord = !Character.isWhitespace(input.charAt(input.length() - 1));
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < terms.size(); i++) {
            if (i > 0) {
                q.append(' ');
            }
            q.append('"').append(terms.get(i).replace("\"", "\"\"")).append('"');
            if (i == terms.size() - 1 && typingLastWord) {
                q.append('*');
            }
        }
        return q.toString();
    }
}
