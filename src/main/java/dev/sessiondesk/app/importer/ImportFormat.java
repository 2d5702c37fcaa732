package dev.sessiondesk.app.importer;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The sources SessionDesk imports (see shared/formats.md); {@link #wire()} is the CLI's {@code --format} value. */
public enum ImportFormat {
    GOOSE_JSONL("goose-jsonl", "Goose session files (*.jsonl)"),
    GOOSE_DB("goose-db", "Goose session database (sessions.db)"),
    GOOSE_EXPORT("goose-export", "Goose session export (JSON)"),
    CHATGPT("chatgpt", "ChatGPT data export (conversations.json)"),
    AGENTS("agents", "agent project (agents/sessions/<slug>/state.json)"),
    CLAUDE("claude", "Claude.ai data export (conversations.json)"),
    OPEN_WEBUI("open-webui", "Open WebUI chat export (JSON)"),
    LM_STUDIO("lmstudio", "LM Studio conversation (*.conversation.json)"),
    JAN("jan", "Jan threads (threads/<id>/thread.json + messages.jsonl)"),
    CHATBOX("chatbox", "Chatbox data export (JSON)");

    private final String wire;
    private final String description;

    ImportFormat(String wire, String description) {
        this.wire = wire;
        this.description = description;
    }

    public String wire() {
        return wire;
    }

    public String description() {
        return description;
    }

    public static ImportFormat fromWire(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (ImportFormat f : values()) {
            if (f.wire.equals(v)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown import format \"" + value + "\"; use one of "
                + Arrays.stream(values()).map(ImportFormat::wire).collect(Collectors.joining(", ")));
    }
}
