package dev.sessiondesk.app.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One session that matches a search: its best-ranked matching message ({@code seq}, to scroll to),
 * a snippet of that message with the matched words between {@link #MARK_START} and {@link #MARK_END},
 * how many of its messages match, and when that message was written ({@code created}: Unix seconds as in
 * Goose, 0 if unknown).
 */
public record SearchHit(String sessionId, String sessionTitle, int seq, String snippet, int matchingMessages,
                        double rank, long created) {
    public static final char MARK_START = '\u0002';
    public static final char MARK_END = '\u0003';

    public SearchHit(String sessionId, String sessionTitle, int seq, String snippet, int matchingMessages, double rank) {
        this(sessionId, sessionTitle, seq, snippet, matchingMessages, rank, 0);
    }

    /** A piece of the snippet, highlighted or not (what a view renders as Text nodes). */
    public record Segment(String text, boolean highlighted) {
    }

    public List<Segment> segments() {
        List<Segment> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean highlighted = false;
        for (char ch : snippet.toCharArray()) {
            if (ch == MARK_START || ch == MARK_END) {
                if (current.length() > 0) {
                    out.add(new Segment(current.toString(), highlighted));
                    current.setLength(0);
                }
                highlighted = ch == MARK_START;
            } else {
                current.append(ch);
            }
        }
        if (current.length() > 0) {
            out.add(new Segment(current.toString(), highlighted));
        }
        return out;
    }

    /** The words the search matched, as the snippet marks them, each once (ignoring case): what a view highlights. */
    public List<String> matchedWords() {
        Set<String> seen = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (Segment s : segments()) {
            String word = s.text().strip();
            if (s.highlighted() && !word.isEmpty() && seen.add(word.toLowerCase(Locale.ROOT))) {
                out.add(word);
            }
        }
        return out;
    }

    /** The snippet with the matches wrapped in {@code open}/{@code close} (e.g. "**" for the terminal). */
    public String snippet(String open, String close) {
        return snippet.replace(String.valueOf(MARK_START), open).replace(String.valueOf(MARK_END), close);
    }
}
