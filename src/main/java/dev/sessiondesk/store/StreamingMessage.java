package dev.sessiondesk.store;

/** A reply being written while it streams: its row and place. Checkpoint it, then finish it. */
public record StreamingMessage(long rowId, String sessionId, int seq) {
}
