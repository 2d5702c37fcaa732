package dev.sessiondesk.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.GooseMessages;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.TitleSource;
import java.time.Instant;
import java.util.List;

/**
 * SessionDesk's records in the shapes goose-server 1.34 declares in its OpenAPI file
 * ({@code Session}, {@code Message}, {@code MessageEvent}, {@code SessionInsights}), so a client
 * written for goose can read them. Facts goose has no field for (state, seq) ride along as extra
 * properties, which goose's schemas allow.
 */
final class GooseJson {
    private GooseJson() {
    }

    static ObjectNode session(Session s, List<Message> conversation) {
        ObjectNode n = CanonicalJson.MAPPER.createObjectNode();
        n.put("id", s.id());
        n.put("working_dir", s.workingDir() == null ? "" : s.workingDir());
        n.put("name", s.title() == null ? "" : s.title());
        n.put("user_set_name", s.titleSource() == TitleSource.USER);
        n.put("session_type", "user");
        n.put("created_at", Instant.ofEpochMilli(s.createdAt()).toString());
        n.put("updated_at", Instant.ofEpochMilli(s.updatedAt()).toString());
        n.putObject("extension_data");
        n.put("message_count", s.messageCount());
        if (s.archivedAt() != null) {
            n.put("archived_at", Instant.ofEpochMilli(s.archivedAt()).toString());
        } else {
            n.putNull("archived_at");
        }
        if (conversation != null) {
            ArrayNode messages = n.putArray("conversation");
            for (Message m : conversation) {
                messages.add(message(m));
            }
        }
        return n;
    }

    /** A stored message as goose's {@code Message}; a message without an id gets one from its place. */
    static ObjectNode message(Message m) {
        ObjectNode n = GooseMessages.toJson(m.body());
        if (!n.hasNonNull("id")) {
            n.put("id", fallbackId(m.sessionId(), m.seq()));
        }
        normalizeContent((ArrayNode) n.get("content"));
        ObjectNode meta = (ObjectNode) n.get("metadata");
        meta.put("seq", m.seq());
        if (m.state() != MessageState.COMPLETE) {
            meta.put("sessiondeskState", m.state().wire());
        }
        return n;
    }

    static String fallbackId(String sessionId, int seq) {
        return sessionId + "-" + seq;
    }

    /**
     * Fills fields goose requires that older imports may lack (a thinking block's signature), so a
     * strict goose client can still read every message.
     */
    private static void normalizeContent(ArrayNode content) {
        for (JsonNode item : content) {
            if (item instanceof ObjectNode o && "thinking".equals(o.path("type").asText())) {
                if (!o.path("thinking").isTextual()) {
                    o.put("thinking", o.path("thinking").asText(""));
                }
                if (!o.path("signature").isTextual()) {
                    o.put("signature", "");
                }
            }
        }
    }

    static ObjectNode insights(int totalSessions) {
        ObjectNode n = CanonicalJson.MAPPER.createObjectNode();
        n.put("totalSessions", totalSessions);
        n.put("totalTokens", 0L); // SessionDesk does not count tokens; goose requires the field
        return n;
    }

    static ObjectNode tokenState() {
        ObjectNode t = CanonicalJson.MAPPER.createObjectNode();
        for (String f : new String[]{"inputTokens", "outputTokens", "totalTokens", "accumulatedInputTokens",
                "accumulatedOutputTokens", "accumulatedTotalTokens"}) {
            t.put(f, 0);
        }
        return t;
    }

    /** {@code MessageEvent} of type Message. */
    static ObjectNode messageEvent(ObjectNode message) {
        ObjectNode e = CanonicalJson.MAPPER.createObjectNode();
        e.put("type", "Message");
        e.set("message", message);
        e.set("token_state", tokenState());
        return e;
    }

    static ObjectNode finishEvent(String reason) {
        ObjectNode e = CanonicalJson.MAPPER.createObjectNode();
        e.put("type", "Finish");
        e.put("reason", reason);
        e.set("token_state", tokenState());
        return e;
    }

    static ObjectNode errorEvent(String error) {
        return CanonicalJson.MAPPER.createObjectNode().put("type", "Error").put("error", error);
    }

    static ObjectNode activeRequests(List<String> requestIds) {
        ObjectNode e = CanonicalJson.MAPPER.createObjectNode();
        e.put("type", "ActiveRequests");
        ArrayNode ids = e.putArray("request_ids");
        requestIds.forEach(ids::add);
        return e;
    }

    static final String PING = EventStream.frame(null, "{\"type\":\"Ping\"}");

    static String write(JsonNode n) {
        try {
            return CanonicalJson.MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
