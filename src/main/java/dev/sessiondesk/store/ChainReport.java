package dev.sessiondesk.store;

/**
 * The result of recomputing one session's hash chain. When not ok, {@code firstBadSeq} is the first
 * message that does not match (or the first missing one) and {@code problem} says how.
 */
public record ChainReport(String sessionId, int messagesChecked, boolean ok, Integer firstBadSeq, String problem,
                          String recomputedHead) {

    @Override
    public String toString() {
        return ok ? "session " + sessionId + ": " + messagesChecked + " messages, chain intact"
                : "session " + sessionId + ": message " + firstBadSeq + ": " + problem;
    }
}
