package dev.sessiondesk.app.assistant;

import java.time.Duration;

/**
 * How much one streamed reply may be: the longest single line of the event stream, the most text a
 * reply may bring and the longest it may run. Past any of them the reply stops with a message that
 * names the limit, and the text that arrived until then is kept (issue 18 items 20, 21).
 *
 * @param maxLineChars    one server-sent-events line (a model's JSON chunk); real chunks are a few
 *                        hundred characters, a whole reply in one chunk a few hundred thousand
 * @param maxReplyChars   the reply's text, all deltas together
 * @param maxReplyTime    from the response headers to the end of the stream
 */
public record StreamLimits(int maxLineChars, long maxReplyChars, Duration maxReplyTime) {
    public static final StreamLimits DEFAULT = new StreamLimits(16 * 1024 * 1024, 16L * 1024 * 1024, Duration.ofMinutes(30));

    /** "16 MB", "512 KB" or "100 characters": a size as a person reads it (characters counted as bytes). */
    static String size(long chars) {
        if (chars >= 1024 * 1024 && chars % (1024 * 1024) == 0) {
            return chars / (1024 * 1024) + " MB";
        }
        if (chars >= 1024 && chars % 1024 == 0) {
            return chars / 1024 + " KB";
        }
        return chars + " characters";
    }

    static String minutes(Duration d) {
        long s = d.toSeconds();
        return s % 60 == 0 && s > 0 ? s / 60 + " min" : s + " s";
    }
}
