package dev.sessiondesk.model;

/** What the store committed: the message's place in its session and the chain hash that now ends it. */
public record AppendResult(String sessionId, int seq, String hash) {
}
