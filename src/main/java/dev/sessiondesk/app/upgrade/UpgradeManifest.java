package dev.sessiondesk.app.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.store.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code upgrade-manifest.json}: what the store held just before an upgrade, so the new version can
 * prove on its first start that nothing was lost or mixed up.
 */
public record UpgradeManifest(
        Instant createdAt,
        String appVersion,
        int schemaVersion,
        String backupFile,
        Map<String, Fingerprint> sessions,
        List<Window> windows) {

    public static final String FILE_NAME = "upgrade-manifest.json";

    /** A window → session binding as it was; {@code sessionId} is null for a window without a session. */
    public record Window(String windowId, String sessionId, boolean open, Fingerprint fingerprint) {
    }

    public void write(Path file) throws IOException {
        ObjectNode root = CanonicalJson.MAPPER.createObjectNode();
        root.put("format", 1);
        root.put("created_at", createdAt.toString());
        root.put("app_version", appVersion);
        root.put("schema_version", schemaVersion);
        root.put("backup", backupFile);
        ObjectNode s = root.putObject("sessions");
        sessions.forEach((id, fp) -> {
            ObjectNode o = s.putObject(id);
            o.put("message_count", fp.messageCount());
            o.put("head_hash", fp.headHash());
        });
        ArrayNode w = root.putArray("windows");
        for (Window win : windows) {
            ObjectNode o = w.addObject();
            o.put("window_id", win.windowId());
            o.put("session_id", win.sessionId());
            o.put("open", win.open());
            o.put("message_count", win.fingerprint().messageCount());
            o.put("head_hash", win.fingerprint().headHash());
        }
        PrivateFiles.writeAtomically(file, CanonicalJson.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
    }

    public static UpgradeManifest read(Path file) throws IOException {
        JsonNode root;
        try {
            root = CanonicalJson.MAPPER.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException("cannot read the upgrade manifest " + file + ": " + e.getMessage(), e);
        }
        if (root == null || root.path("format").asInt() != 1) {
            throw new IOException("the upgrade manifest " + file + " is not format 1");
        }
        Map<String, Fingerprint> sessions = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("sessions").properties()) {
            sessions.put(e.getKey(), fingerprint(e.getValue(), file, "sessions." + e.getKey()));
        }
        List<Window> windows = new ArrayList<>();
        int i = 0;
        for (JsonNode w : root.path("windows")) {
            windows.add(new Window(w.path("window_id").asText(), w.path("session_id").isNull()
                    ? null : w.path("session_id").asText(null), w.path("open").asBoolean(),
                    fingerprint(w, file, "windows[" + i + "]")));
            i++;
        }
        try {
            return new UpgradeManifest(Instant.parse(root.path("created_at").asText()), root.path("app_version").asText(),
                    root.path("schema_version").asInt(), root.path("backup").asText(null), sessions, windows);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IOException("the upgrade manifest " + file + " has a bad created_at: " + e.getParsedString(), e);
        }
    }

    private static Fingerprint fingerprint(JsonNode node, Path file, String where) throws IOException {
        if (!node.path("message_count").canConvertToInt() || !node.path("head_hash").isTextual()) {
            throw new IOException("the upgrade manifest " + file + " lacks message_count/head_hash at " + where);
        }
        return new Fingerprint(node.path("message_count").asInt(), node.path("head_hash").asText());
    }
}
