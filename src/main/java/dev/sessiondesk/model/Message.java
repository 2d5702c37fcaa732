package dev.sessiondesk.model;

/**
 * A stored message. {@code contentJson} is the canonical JSON of the Goose content array;
 * {@code created} is Unix seconds as in Goose; {@code hash} is null while the message is streaming.
 */
public record Message(
        long rowId,
        String sessionId,
        int seq,
        String messageId,
        Role role,
        long created,
        String contentJson,
        boolean userVisible,
        boolean agentVisible,
        MessageState state,
        String hash) {

    public NewMessage body() {
        return new NewMessage(messageId, role, created, contentJson, userVisible, agentVisible);
    }
}
