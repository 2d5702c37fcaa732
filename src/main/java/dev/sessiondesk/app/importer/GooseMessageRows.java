package dev.sessiondesk.app.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.model.GooseMessages;
import dev.sessiondesk.model.MalformedMessageException;
import dev.sessiondesk.model.NewMessage;

/**
 * Goose message JSON from an import source. Unlike a message typed now, a stored message without a
 * {@code created} stamp gets the previous message's time (or the session's), never "now": the same
 * file must give the same bytes on every import, or re-imports would not be recognised.
 */
final class GooseMessageRows {

    private GooseMessageRows() {
    }

    static NewMessage read(JsonNode node, long fallbackSeconds) throws MalformedMessageException {
        if (node != null && node.isObject()) {
            JsonNode created = node.get("created");
            if (created == null || created.isNull()) {
                ObjectNode copy = ((ObjectNode) node).deepCopy();
                copy.put("created", fallbackSeconds);
                node = copy;
            }
        }
        return GooseMessages.fromJson(node);
    }
}
