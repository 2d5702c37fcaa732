package dev.sessiondesk.app.assistant;

/** Where a reply is; the last four are final. */
public enum ReplyState {
    /** The user's message is being committed. */
    SAVING,
    /** The user's message is saved; waiting for the assistant's first token. */
    WAITING,
    /** Tokens are arriving; the partial reply is in the store (state streaming) and checkpointed. */
    STREAMING,
    /** The reply finished normally and is in the hash chain. */
    COMPLETE,
    /** The user pressed Stop: the partial reply, if any, is kept and marked stopped. */
    STOPPED,
    /**
     * The assistant failed (refused, 401, 429, timeout, unreadable stream) or the app closed: the user's
     * message is saved, a partial reply, if any, is kept and marked interrupted. Retry or Continue.
     */
    FAILED,
    /** The user's message could not be saved (disk full, store locked): nothing was sent; keep the text. */
    NOT_SAVED;

    public boolean isFinal() {
        return ordinal() >= COMPLETE.ordinal();
    }
}
