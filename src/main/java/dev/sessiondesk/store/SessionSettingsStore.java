package dev.sessiondesk.store;

import dev.sessiondesk.model.SessionSettings;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Each session's model and system prompt (schema 8), kept across restarts. */
public final class SessionSettingsStore {
    private final Store store;

    SessionSettingsStore(Store store) {
        this.store = store;
    }

    /** The session's settings, or {@link SessionSettings#DEFAULT} when it has none. */
    public SessionSettings get(String sessionId) {
        return store.reader().read("read the model and system prompt of session " + sessionId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT model, system_prompt FROM session_settings WHERE session_id = ?")) {
                ps.setString(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new SessionSettings(rs.getString(1), rs.getString(2)) : SessionSettings.DEFAULT;
                }
            }
        });
    }

    public void save(String sessionId, SessionSettings settings) {
        store.writer().write("save the model and system prompt of session " + sessionId, c -> {
            SessionStore.get(c, sessionId).orElseThrow(() -> SessionStore.notFound(sessionId));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO session_settings(session_id, model, system_prompt,"
                    + " updated_at) VALUES (?,?,?,?) ON CONFLICT(session_id) DO UPDATE SET model = excluded.model,"
                    + " system_prompt = excluded.system_prompt, updated_at = excluded.updated_at")) {
                ps.setString(1, sessionId);
                ps.setString(2, settings.model());
                ps.setString(3, settings.systemPrompt());
                ps.setLong(4, System.currentTimeMillis());
                ps.executeUpdate();
            }
            return null;
        });
    }
}
