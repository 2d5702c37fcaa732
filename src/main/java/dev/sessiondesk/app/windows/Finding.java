package dev.sessiondesk.app.windows;

/**
 * What a check found wrong with a session, in the facts a person needs: which session (its title),
 * which message (its number of how many, and when it was sent) and what changed. {@link #key()} names
 * this very finding, so a choice the user made about it is remembered until something else changes.
 *
 * @param sentAt the message's time (epoch seconds), or null when the message itself is gone
 */
public record Finding(String sessionId, String title, Change change, int seq, int messageCount, Long sentAt,
                      String key) {

    /** How the stored conversation differs from the one that was saved. */
    public enum Change {
        /** A message's text (or anything else in it) was changed after it was saved. */
        TEXT_CHANGED,
        /** A message is missing. */
        MESSAGE_MISSING,
        /** Messages are stored twice or out of order. */
        OUT_OF_ORDER,
        /** The messages are intact but are not the conversation this window showed. */
        NOT_WHAT_WAS_SHOWN,
        /** The session's own record (its count, its last hash) does not match its messages. */
        RECORD_CHANGED,
        /** The whole session is gone from the store. */
        SESSION_MISSING
    }

    /** The change a chain report's problem describes (the verifier's words, see ChainVerifier). */
    public static Change changeOf(String problem) {
        String p = problem == null ? "" : problem;
        if (p.contains("does not match its hash")) {
            return Change.TEXT_CHANGED;
        }
        if (p.contains("stored twice or out of order") || p.contains("streaming reply is not the last")) {
            return Change.OUT_OF_ORDER;
        }
        if (p.contains("is missing")) {
            return p.contains("session is missing") ? Change.SESSION_MISSING : Change.MESSAGE_MISSING;
        }
        if (p.contains("window showed")) {
            return Change.NOT_WHAT_WAS_SHOWN;
        }
        return Change.RECORD_CHANGED;
    }
}
