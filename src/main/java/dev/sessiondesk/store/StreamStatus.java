package dev.sessiondesk.store;

/** What saving a streaming reply found. */
public enum StreamStatus {
    /** Saved; the reply goes on. */
    STREAMING,
    /** Saved, and another process is waiting to add a message: the owner should end the reply now. */
    STOP_REQUESTED,
    /** Not saved: the reply was already ended by another writer. */
    ENDED
}
