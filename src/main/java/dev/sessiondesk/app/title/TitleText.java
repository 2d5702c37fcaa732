package dev.sessiondesk.app.title;

import java.util.Locale;

/** Turns a first message or an assistant's suggestion into a short, clean, one-line title. */
public final class TitleText {
    public static final int MAX_LENGTH = 48;

    private TitleText() {
    }

    /** The first non-blank line of the user's first message, without Markdown marks, shortened; "" if none. */
    public static String fromFirstMessage(String text) {
        return shorten(stripMarkup(firstLine(text)));
    }

    /** An assistant's suggested title: its first line without "Title:", quotes or a final period. */
    public static String fromSuggestion(String suggestion) {
        String line = stripMarkup(firstLine(suggestion));
        if (line.toLowerCase(Locale.ROOT).startsWith("title:")) {
            line = line.substring(6).strip();
        }
        line = line.replaceAll("^[\"'\u201c\u201d\u2018\u2019]+|[\"'\u201c\u201d\u2018\u2019]+$", "").strip();
        if (line.endsWith(".")) {
            line = line.substring(0, line.length() - 1).strip();
        }
        return shorten(line);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("```"))
                .findFirst().orElse("");
    }

    private static String stripMarkup(String line) {
        String s = line.replaceAll("^(#{1,6}\\s+|>\\s*|[-*+]\\s+|\\d+[.)]\\s+)", "");
        s = s.replaceAll("[*_`]+", "");
        s = s.replaceAll("\\p{Cntrl}", " ");
        return s.replaceAll("\\s+", " ").strip();
    }

    private static String shorten(String s) {
        if (s.length() <= MAX_LENGTH) {
            return s;
        }
        int cut = s.lastIndexOf(' ', MAX_LENGTH - 1);
        if (cut < MAX_LENGTH / 2) {
            cut = MAX_LENGTH - 1;
        }
        return s.substring(0, cut).strip() + "\u2026";
    }
}
