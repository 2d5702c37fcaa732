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

    /** The fingerprint of the messages a window shows: the last finished one's seq and hash. */
    public static Fingerprint ofShown(java.util.List<Message> shown) {
        for (int i = shown.size() - 1; i >= 0; i--) {
            Message m = shown.get(i);
            if (m.hash() != null && m.state() != MessageState.STREAMING) {
                return new Fingerprint(m.seq(), m.hash());
            }
        }
        return empty();
    }

    @Override
    public String toString() {
        return messageCount + ":" + (headHash.length() > 12 ? headHash.substring(0, 12) : headHash);
    }
}
