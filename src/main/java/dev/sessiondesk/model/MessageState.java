package dev.sessiondesk.model;

import java.util.Locale;

/**
 * Life cycle of a stored message. Only {@link #STREAMING} messages change after they are written;
 * the others are part of the session's hash chain.
 */
public enum MessageState {
    /** Finished normally. */
    COMPLETE,
    /** An assistant reply still arriving; its content is checkpointed while it streams and it is not yet hashed. */
    STREAMING,
    /** A streaming reply whose writer went away (crash, kill, endpoint failure); kept, shown as interrupted. */
    INTERRUPTED,
    /** A streaming reply the user stopped on purpose; kept as it was. */
    STOPPED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageState fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean isFinal() {
        return this != STREAMING;
    }
}
