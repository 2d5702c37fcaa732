package dev.sessiondesk.model;

/**
 * What a window remembers about the session it shows: how many finished messages it had and the
 * chain hash after the last of them. A session that later has more messages must still have this
 * hash at that position, or it is not the conversation the window showed.
 */
public record Fingerprint(int messageCount, String headHash) {

    public static final String GENESIS = "0".repeat(64);

    public static Fingerprint empty() {
        return new Fingerprint(0, GENESIS);
    }

    @Override
    public String toString() {
        return messageCount + ":" + (headHash.length() > 12 ? headHash.substring(0, 12) : headHash);
    }
}
