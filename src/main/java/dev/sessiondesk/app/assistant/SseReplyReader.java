package dev.sessiondesk.app.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.assistant.AssistantException.Kind;
import dev.sessiondesk.model.CanonicalJson;
import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Reads one chat-completions event stream into deltas: {@code data:} lines gathered into events,
 * each event's JSON chunk handed on, {@code [DONE]} or a finish reason as the end. Guards the reply
 * with the idle timeout between lines and with {@link StreamLimits} (a line, the whole text, the
 * whole time): whatever stops it, the deltas already handed on stay with the caller.
 */
final class SseReplyReader {
    private static final String DONE = "[DONE]";

    private final String who;
    private final Duration idleTimeout;
    private final StreamLimits limits;
    private final UnaryOperator<String> serverMessage;
    private long replyChars;

    /** @param serverMessage the server's error text from an error chunk, shortened and without the key */
    SseReplyReader(String who, Duration idleTimeout, StreamLimits limits, UnaryOperator<String> serverMessage) {
        this.who = who;
        this.idleTimeout = idleTimeout;
        this.limits = limits;
        this.serverMessage = serverMessage;
    }

    void read(ResponseLines response, Assistant.DeltaSink sink) throws AssistantException, InterruptedException {
        boolean[] sawFinishReason = {false}; // some servers end with finish_reason and no [DONE]
        int lineNo = 0;
        int eventLine = 0; // where the current event's data began, for error messages
        StringBuilder data = new StringBuilder();
        long deadline = System.nanoTime() + limits.maxReplyTime().toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            ResponseLines.Event e = left <= 0 ? null : response.next(idleTimeout.toNanos() < left ? idleTimeout : Duration.ofNanos(left));
            if (e == null && System.nanoTime() - deadline >= 0) {
                throw new AssistantException(Kind.TOO_LONG, who + " was still sending after "
                        + StreamLimits.minutes(limits.maxReplyTime()) + ", SessionDesk's limit for one reply; stopped."
                        + " The text so far is kept");
            }
            if (e == null) {
                throw new AssistantException(Kind.TIMEOUT, who + " stopped sending in the middle of the reply"
                        + " (nothing for " + seconds(idleTimeout) + ")");
            }
            if (e instanceof ResponseLines.Cancelled) {
                return;
            }
            if (e instanceof ResponseLines.Failed failed) {
                if (response.cancelled()) {
                    return;
                }
                if (failed.cause() instanceof SseLines.LineTooLong tooLong) {
                    throw new AssistantException(Kind.TOO_LONG, who + " sent a stream line longer than "
                            + StreamLimits.size(tooLong.limit()) + " (line " + (lineNo + 1) + "), SessionDesk's limit"
                            + " for one line; stopped. The text so far is kept");
                }
                throw new AssistantException(Kind.IO, who + " broke off the reply (" + describe(failed.cause()) + ")",
                        failed.cause());
            }
            if (e instanceof ResponseLines.End) {
                break;
            }
            String line = ((ResponseLines.Line) e).text();
            lineNo++;
            if (line.isEmpty()) {
                if (data.length() > 0 && handleEvent(data.toString(), eventLine, sink, sawFinishReason)) {
                    return;
                }
                data.setLength(0);
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                } else {
                    eventLine = lineNo;
                }
                data.append(line.startsWith("data: ") ? line.substring(6) : line.substring(5));
                if (data.length() > limits.maxLineChars()) { // many data lines of one event
                    throw new AssistantException(Kind.TOO_LONG, who + " sent an event longer than "
                            + StreamLimits.size(limits.maxLineChars()) + " (from line " + eventLine + "); stopped."
                            + " The text so far is kept");
                }
            } else if (!line.startsWith(":") && !line.startsWith("event:") && !line.startsWith("id:")
                    && !line.startsWith("retry:")) {
                throw malformed(lineNo, "expected a \"data:\" line, got \"" + shorten(line) + "\"");
            }
        }
        if (data.length() > 0 && handleEvent(data.toString(), eventLine, sink, sawFinishReason)) {
            return;
        }
        if (!sawFinishReason[0]) {
            throw new AssistantException(Kind.MALFORMED, who + " closed the stream before the reply was finished"
                    + " (no [DONE] after " + lineNo + " lines)");
        }
    }

    /** Handles one event's data; returns true at the end marker. */
    private boolean handleEvent(String data, int lineNo, Assistant.DeltaSink sink, boolean[] sawFinishReason)
            throws AssistantException {
        if (data.strip().equals(DONE)) {
            return true;
        }
        JsonNode chunk;
        try {
            chunk = CanonicalJson.MAPPER.readTree(data);
        } catch (JsonProcessingException e) {
            throw malformed(lineNo, "the data is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (chunk.has("error")) {
            throw new AssistantException(Kind.HTTP_ERROR, who + " reported an error mid-reply: "
                    + serverMessage.apply(chunk.toString()));
        }
        JsonNode choices = chunk.path("choices");
        if (!choices.isArray()) {
            throw malformed(lineNo, "the chunk has no \"choices\" array");
        }
        for (JsonNode choice : choices) {
            JsonNode content = choice.path("delta").path("content");
            if (content.isTextual() && !content.asText().isEmpty()) {
                deliver(content.asText(), sink);
            }
            if (choice.hasNonNull("finish_reason")) {
                sawFinishReason[0] = true;
            }
        }
        return false;
    }

    /** Hands a delta on, up to the reply's size limit: the part that still fits is kept, then it stops. */
    private void deliver(String delta, Assistant.DeltaSink sink) throws AssistantException {
        long room = limits.maxReplyChars() - replyChars;
        if (delta.length() <= room) {
            replyChars += delta.length();
            sink.delta(delta);
            return;
        }
        if (room > 0) {
            sink.delta(delta.substring(0, (int) room));
        }
        replyChars = limits.maxReplyChars();
        throw new AssistantException(Kind.TOO_LONG, who + " sent more than " + StreamLimits.size(limits.maxReplyChars())
                + " of text, SessionDesk's limit for one reply; stopped. The text so far is kept");
    }

    private AssistantException malformed(int lineNo, String what) {
        return malformed(who, lineNo, what);
    }

    static AssistantException malformed(String who, int lineNo, String what) {
        return new AssistantException(Kind.MALFORMED, who + " sent a reply SessionDesk cannot read (stream line "
                + lineNo + ": " + what + ")");
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
