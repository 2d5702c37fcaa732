package dev.sessiondesk.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.MessageSize;
import dev.sessiondesk.model.NewMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Message content in the canonical form the store keeps and hashes (sorted keys, no whitespace), within
 * {@link MessageSize}: every append passes here, whoever calls it.
 */
final class CanonicalMessages {
    private CanonicalMessages() {
    }

    /**
     * A message to append, in canonical form; refused ({@link StoreException.Kind#TOO_LARGE}) past
     * {@link MessageSize}. A streaming reply's checkpoints do not pass here: the assistant client's
     * stream limits bound those.
     */
    static NewMessage canonical(NewMessage m) {
        JsonNode node = array(m.contentJson());
        String content = CanonicalJson.write(node);
        MessageSize.problem(content, node).ifPresent(p -> {
            throw new StoreException(StoreException.Kind.TOO_LARGE, p + "; it was not saved");
        });
        return new NewMessage(m.messageId(), m.role(), m.created(), content, m.userVisible(), m.agentVisible());
    }

    /** Canonical forms of a batch; a message over the size limit is named by its place in the batch. */
    static List<NewMessage> canonicalAll(List<NewMessage> messages) {
        List<NewMessage> out = new ArrayList<>(messages.size());
        for (NewMessage m : messages) {
            try {
                out.add(CanonicalMessages.canonical(m));
            } catch (StoreException e) {
                throw new StoreException(e.kind(), "message " + (out.size() + 1) + " of the " + messages.size()
                        + " to add: " + e.getMessage());
            }
        }
        return out;
    }

    static String content(String contentJson) {
        return CanonicalJson.write(array(contentJson));
    }

    private static JsonNode array(String contentJson) {
        JsonNode node;
        try {
            node = CanonicalJson.parse(contentJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("message content is not valid JSON: " + e.getOriginalMessage());
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("message content must be a JSON array of content items");
        }
        return node;
    }
}
