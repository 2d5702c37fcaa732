package dev.sessiondesk.app.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.assistant.AssistantException.Kind;
import dev.sessiondesk.app.text.UserText;
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

    private final UserText who;
    private final Duration idleTimeout;
    private final StreamLimits limits;
    private final UnaryOperator<String> serverMessage;
    private long replyChars;

    /** @param serverMessage the server's error text from an error chunk, shortened and without the key */
    SseReplyReader(UserText who, Duration idleTimeout, StreamLimits limits, UnaryOperator<String> serverMessage) {
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
                throw new AssistantException(Kind.TOO_LONG, UserText.of("assistant", "sse.tooSlow", who, StreamLimits.minutes(limits.maxReplyTime())), null);
            }
            if (e == null) {
                throw new AssistantException(Kind.TIMEOUT, UserText.of("assistant", "sse.stalled", who, seconds(idleTimeout)), null);
            }
            if (e instanceof ResponseLines.Cancelled) {
                return;
            }
            if (e instanceof ResponseLines.Failed failed) {
                if (response.cancelled()) {
                    return;
                }
                if (failed.cause() instanceof SseLines.LineTooLong tooLong) {
                    throw new AssistantException(Kind.TOO_LONG, UserText.of("assistant", "sse.lineTooLong", who, StreamLimits.size(tooLong.limit()), lineNo + 1), null);
                }
                throw new AssistantException(Kind.IO, UserText.of("assistant", "sse.brokeOff", who, describe(failed.cause())), failed.cause());
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
                    throw new AssistantException(Kind.TOO_LONG, UserText.of("assistant", "sse.eventTooLong", who, StreamLimits.size(limits.maxLineChars()), eventLine), null);
                }
            } else if (!line.startsWith(":") && !line.startsWith("event:") && !line.startsWith("id:")
                    && !line.startsWith("retry:")) {
                throw malformed(lineNo, UserText.of("assistant", "sse.notData", shorten(line)));
            }
        }
        if (data.length() > 0 && handleEvent(data.toString(), eventLine, sink, sawFinishReason)) {
            return;
        }
        if (!sawFinishReason[0]) {
            throw new AssistantException(Kind.MALFORMED, UserText.of("assistant", "sse.closedEarly", who, lineNo), null);
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
            throw malformed(lineNo, UserText.of("assistant", "sse.notJson", e.getOriginalMessage()));
        }
        if (chunk.has("error")) {
            throw new AssistantException(Kind.HTTP_ERROR, UserText.of("assistant", "sse.errorMidReply", who,
                    serverMessage.apply(chunk.toString())), null);
        }
        JsonNode choices = chunk.path("choices");
        if (!choices.isArray()) {
            throw malformed(lineNo, UserText.of("assistant", "sse.noChoices"));
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
        throw new AssistantException(Kind.TOO_LONG, UserText.of("assistant", "sse.replyTooLong", who, StreamLimits.size(limits.maxReplyChars())), null);
    }

    private AssistantException malformed(int lineNo, UserText what) {
        return malformed(who, lineNo, what);
    }

    static AssistantException malformed(UserText who, int lineNo, UserText what) {
        return new AssistantException(Kind.MALFORMED, UserText.of("assistant", "sse.malformed", who, lineNo, what), null);
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
