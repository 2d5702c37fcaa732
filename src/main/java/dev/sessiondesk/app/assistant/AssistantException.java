package dev.sessiondesk.app.assistant;

import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.app.text.Wording;

/**
 * An assistant could not produce (the rest of) a reply. The message is for people: it names the
 * endpoint and what to do, and never contains an API key.
 */
public final class AssistantException extends Exception {

    public enum Kind {
        /** Nothing listens at the address (server not running, wrong port). */
        REFUSED,
        /** The address cannot be resolved or reached. */
        UNREACHABLE,
        /** HTTP 401/403: the API key is missing or wrong. */
        UNAUTHORIZED,
        /** HTTP 429: too many requests or quota used up. */
        RATE_LIMITED,
        /** The server took too long to answer or stalled mid-reply. */
        TIMEOUT,
        /** The reply is not an OpenAI-style stream SessionDesk can read, or it ended early. */
        MALFORMED,
        /** The reply went past a {@link StreamLimits} limit (one line, its text, its time). */
        TOO_LONG,
        /** Any other HTTP error status. */
        HTTP_ERROR,
        /** Any other network failure. */
        IO
    }

    private final Kind kind;
    /** The message in no language yet; {@link #getMessage()} is its English. */
    private final UserText text;

    public AssistantException(Kind kind, String message) {
        super(message);
        this.kind = kind;
        this.text = UserText.plain(message);
    }

    public AssistantException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.text = UserText.plain(message);
    }

    public AssistantException(Kind kind, UserText text, Throwable cause) {
        super(Wording.english().say(text), cause);
        this.kind = kind;
        this.text = text;
    }

    public Kind kind() {
        return kind;
    }

    /** The message for a window, which says it in the user's language. */
    public UserText text() {
        return text;
    }

    /** Whether trying again later can help without changing settings. */
    public boolean isRetryable() {
        return kind != Kind.UNAUTHORIZED;
    }
}
