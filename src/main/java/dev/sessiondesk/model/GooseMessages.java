package dev.sessiondesk.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the Goose message JSON of shared/formats.md, and defines the canonical bytes
 * of a message that the hash chain covers:
 * {@code {"content":[…],"created":N,"id":"…"?,"metadata":{"agentVisible":b,"userVisible":b},"role":"…"}}
 * with keys sorted. Storage-only facts (seq, state, session) are not part of it, so a fork's copied
 * prefix hashes exactly like its parent's.
 */
public final class GooseMessages {

    /** Goose writes seconds, some exports milliseconds: anything above this is milliseconds. */
    static final long MILLIS_THRESHOLD = 10_000_000_000L;

    private GooseMessages() {
    }

    public static NewMessage parse(String json) throws MalformedMessageException {
        JsonNode node;
        try {
            node = CanonicalJson.parse(json);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("$", JsonProblems.describe(e));
        }
        return fromJson(node);
    }

    /** Upper bound of {@code created}: the last second of the year 9999 (what every reader can format). */
    static final long MAX_SECONDS = 253_402_300_799L;

    public static NewMessage fromJson(JsonNode node) throws MalformedMessageException {
        if (node == null || !node.isObject()) {
            throw new MalformedMessageException("$", "a message must be a JSON object");
        }
        Role role;
        try {
            role = Role.fromWire(node.path("role").isTextual() ? node.get("role").textValue() : null);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("$.role", e.getMessage());
        }
        JsonNode content = node.get("content");
        if (content == null || !content.isArray()) {
            throw new MalformedMessageException("$.content", "must be an array of content items");
        }
        ArrayNode normalized = CanonicalJson.MAPPER.createArrayNode();
        int i = 0;
        for (JsonNode item : content) {
            normalized.add(normalizeItem(item, "$.content[" + i + "]"));
            i++;
        }
        long created = java.time.Instant.now().getEpochSecond(); // Goose stamps every message; a bare one is "now"
        JsonNode createdNode = node.get("created");
        if (createdNode != null && !createdNode.isNull()) {
            if (!createdNode.isNumber()) {
                throw new MalformedMessageException("$.created", "must be a number (Unix seconds)");
            }
            created = checkedSeconds(createdNode);
        }
        String id = null;
        JsonNode idNode = node.get("id");
        if (idNode != null && !idNode.isNull()) {
            if (!idNode.isTextual()) {
                throw new MalformedMessageException("$.id", "must be a string");
            }
            id = idNode.textValue();
            JsonProblems.checkText(idNode, "$.id");
        }
        JsonProblems.checkText(content, "$.content");
        JsonNode metadata = node.path("metadata");
        boolean userVisible = visibility(metadata, "userVisible");
        boolean agentVisible = visibility(metadata, "agentVisible");
        return new NewMessage(id, role, created, CanonicalJson.write(normalized), userVisible, agentVisible);
    }

    /**
     * Unix seconds (or milliseconds) in range, refused otherwise: {@code 1e19} once wrapped to a negative
     * time that broke show and export for the whole session, and {@code 1e400} silently became 0.
     */
    private static long checkedSeconds(JsonNode n) throws MalformedMessageException {
        java.math.BigDecimal v = n.decimalValue();
        java.math.BigDecimal maxMillis = java.math.BigDecimal.valueOf(MAX_SECONDS).multiply(java.math.BigDecimal.valueOf(1000));
        if (v.signum() < 0 || v.compareTo(maxMillis) > 0) {
            throw new MalformedMessageException("$.created", "out of range (" + shortNumber(v) + "): must be Unix"
                    + " seconds from 0 to " + MAX_SECONDS + " (the year 9999), or the same in milliseconds");
        }
        long whole = v.longValue();
        long seconds = normalizeSeconds(whole);
        if (seconds > MAX_SECONDS) {
            throw new MalformedMessageException("$.created", "out of range (" + whole + "): after the year 9999");
        }
        return seconds;
    }

    private static String shortNumber(java.math.BigDecimal v) {
        String s = v.toString();
        return s.length() > 24 ? s.substring(0, 24) + "…" : s;
    }

    /** Seconds from a Goose timestamp that may be in milliseconds. */
    public static long normalizeSeconds(long value) {
        return value > MILLIS_THRESHOLD ? value / 1000 : value;
    }

    private static boolean visibility(JsonNode metadata, String field) throws MalformedMessageException {
        JsonNode v = metadata.get(field);
        if (v == null || v.isNull()) {
            return true;
        }
        if (!v.isBoolean()) {
            throw new MalformedMessageException("$.metadata." + field, "must be true or false");
        }
        return v.booleanValue();
    }

    private static JsonNode normalizeItem(JsonNode item, String path) throws MalformedMessageException {
        if (!item.isObject() || !item.path("type").isTextual()) {
            throw new MalformedMessageException(path, "a content item must be an object with a string \"type\"");
        }
        // Old Goose files say "reasoning" for what is now "thinking".
        if ("reasoning".equals(item.get("type").textValue())) {
            ObjectNode copy = ((ObjectNode) item).deepCopy();
            copy.put("type", "thinking");
            if (!copy.has("thinking") && copy.has("reasoning")) {
                copy.set("thinking", copy.remove("reasoning"));
            }
            return copy;
        }
        return item;
    }

    /** The Goose JSON of a stored (or about to be stored) message. */
    public static ObjectNode toJson(NewMessage m) {
        ObjectNode node = CanonicalJson.MAPPER.createObjectNode();
        try {
            node.set("content", CanonicalJson.parse(m.contentJson()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored content is not JSON", e);
        }
        node.put("created", m.created());
        if (m.messageId() != null) {
            node.put("id", m.messageId());
        }
        ObjectNode meta = node.putObject("metadata");
        meta.put("agentVisible", m.agentVisible());
        meta.put("userVisible", m.userVisible());
        node.put("role", m.role().wire());
        return node;
    }

    /** The exact bytes the hash chain covers for this message. */
    public static byte[] canonicalBytes(NewMessage m) {
        return CanonicalJson.bytes(toJson(m));
    }

    /**
     * The canonical bytes of a message whose content is already canonical (as everything the store
     * writes is), assembled around the stored content without parsing it: verify reads every message
     * of the store, and re-parsing its content was most of its cost. Equal to {@link #canonicalBytes}
     * for canonical content; for stored content that is not canonical (edited behind the store's back)
     * the bytes differ and the chain check fails, as it should.
     */
    public static byte[] canonicalBytesOfStored(NewMessage m) {
        StringBuilder sb = new StringBuilder(m.contentJson().length() + 128);
        sb.append("{\"content\":").append(m.contentJson());
        sb.append(",\"created\":").append(m.created());
        if (m.messageId() != null) {
            sb.append(",\"id\":").append(CanonicalJson.write(com.fasterxml.jackson.databind.node.TextNode.valueOf(m.messageId())));
        }
        sb.append(",\"metadata\":{\"agentVisible\":").append(m.agentVisible())
                .append(",\"userVisible\":").append(m.userVisible()).append("}");
        sb.append(",\"role\":\"").append(m.role().wire()).append("\"}");
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** True when every field of {@code a} equals {@code b}'s in canonical form. */
    public static boolean sameMessage(NewMessage a, NewMessage b) {
        return java.util.Arrays.equals(canonicalBytes(a), canonicalBytes(b));
    }

}
