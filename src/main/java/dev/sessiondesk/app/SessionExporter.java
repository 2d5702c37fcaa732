package dev.sessiondesk.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.GooseMessages;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.TitleSource;
import dev.sessiondesk.store.PrivateFiles;
import dev.sessiondesk.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A session as a human-readable escape hatch: JSON in the shape of Goose's session export (so other
 * tools can read it back) or Markdown. Exports carry no settings and no API keys (P9).
 */
public final class SessionExporter {
    public enum Format { JSON, MD }

    private static final DateTimeFormatter MD_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final Store store;

    public SessionExporter(Store store) {
        this.store = store;
    }

    public String export(String sessionId, Format format) {
        Session s = store.sessions().require(sessionId);
        List<Message> messages = store.messages().list(sessionId);
        return format == Format.JSON ? toJson(s, messages) : toMarkdown(s, messages);
    }

    /** Writes the export atomically as a 0600 file. */
    /** Writes the export to {@code file} (0600), replacing an existing file (the GUI's file chooser asked). */
    public void exportTo(String sessionId, Format format, Path file) throws IOException {
        exportTo(sessionId, format, file, true);
    }

    /** Writes the export to {@code file} (0600); an existing file is replaced only when {@code replace}. */
    public void exportTo(String sessionId, Format format, Path file, boolean replace) throws IOException {
        ExportFiles.checkTarget(file, replace);
        ExportFiles.write(file, export(sessionId, format).getBytes(StandardCharsets.UTF_8), replace);
    }

    public static String toJson(Session s, List<Message> messages) {
        ObjectNode root = CanonicalJson.MAPPER.createObjectNode();
        root.put("id", s.id());
        root.put("working_dir", s.workingDir() == null ? "" : s.workingDir());
        root.put("name", s.title());
        root.put("description", s.title());
        root.put("user_set_name", s.titleSource() == TitleSource.USER);
        root.put("session_type", "user");
        root.put("created_at", Instant.ofEpochMilli(s.createdAt()).toString());
        root.put("updated_at", Instant.ofEpochMilli(s.updatedAt()).toString());
        root.putObject("extension_data");
        ArrayNode conversation = root.putArray("conversation");
        for (Message m : messages) {
            ObjectNode jm = GooseMessages.toJson(m.body());
            if (m.state() != MessageState.COMPLETE) {
                ((ObjectNode) jm.get("metadata")).put("sessiondeskState", m.state().wire());
            }
            conversation.add(jm);
        }
        root.put("message_count", messages.size());
        if (s.archivedAt() != null) {
            root.put("archived_at", Instant.ofEpochMilli(s.archivedAt()).toString());
        } else {
            root.putNull("archived_at");
        }
        ObjectNode provenance = root.putObject("sessiondesk");
        provenance.put("head_hash", s.headHash());
        provenance.put("title_source", s.titleSource().wire());
        if (s.parentSessionId() != null) {
            provenance.put("parent_session_id", s.parentSessionId());
            provenance.put("parent_seq", s.parentSeq());
        }
        try {
            return CanonicalJson.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String toMarkdown(Session s, List<Message> messages) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(s.displayTitle()).append("\n\n");
        md.append("- Session: `").append(s.id()).append("`\n");
        if (s.workingDir() != null) {
            md.append("- Working folder: `").append(s.workingDir()).append("`\n");
        }
        md.append("- Messages: ").append(messages.size()).append("\n\n");
        for (Message m : messages) {
            md.append("## ").append(m.role().wire().equals("user") ? "User" : "Assistant");
            md.append(" · ").append(MD_TIME.format(Instant.ofEpochSecond(m.created()))).append(" UTC");
            if (m.state() != MessageState.COMPLETE) {
                md.append(" · ").append(m.state().wire());
            }
            if (!m.userVisible()) {
                md.append(" · hidden");
            }
            md.append("\n\n");
            appendContent(md, m.contentJson());
        }
        return md.toString();
    }

    private static void appendContent(StringBuilder md, String contentJson) {
        JsonNode items;
        try {
            items = CanonicalJson.parse(contentJson);
        } catch (JsonProcessingException e) {
            md.append("_(unreadable content)_\n\n");
            return;
        }
        for (JsonNode item : items) {
            String type = item.path("type").asText();
            switch (type) {
                case "text" -> md.append(item.path("text").asText()).append("\n\n");
                case "thinking" -> md.append("<details><summary>Thinking</summary>\n\n")
                        .append(item.path("thinking").asText()).append("\n\n</details>\n\n");
                case "toolRequest" -> {
                    JsonNode value = item.path("toolCall").path("value");
                    md.append("**Tool call** `").append(value.path("name").asText("?")).append("`\n\n```json\n")
                            .append(pretty(value.path("arguments"))).append("\n```\n\n");
                }
                case "toolResponse" -> md.append("**Tool result**\n\n```json\n")
                        .append(pretty(item.path("toolResult"))).append("\n```\n\n");
                case "image" -> md.append("_(image, ").append(item.path("mimeType").asText("unknown type")).append(")_\n\n");
                default -> md.append("_(").append(type).append(" content)_\n\n");
            }
        }
    }

    private static String pretty(JsonNode node) {
        try {
            return CanonicalJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }
}
