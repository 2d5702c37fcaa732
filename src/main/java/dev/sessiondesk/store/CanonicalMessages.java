package dev.sessiondesk.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.NewMessage;

/** Message content in the canonical form the store keeps and hashes (sorted keys, no whitespace). */
final class CanonicalMessages {
    private CanonicalMessages() {
    }

    static NewMessage canonical(NewMessage m) {
        return new NewMessage(m.messageId(), m.role(), m.created(), content(m.contentJson()),
                m.userVisible(), m.agentVisible());
    }

    static String content(String contentJson) {
        JsonNode node;
        try {
            node = CanonicalJson.parse(contentJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("message content is not valid JSON: " + e.getOriginalMessage());
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("message content must be a JSON array of content items");
        }
        return CanonicalJson.write(node);
    }
}
