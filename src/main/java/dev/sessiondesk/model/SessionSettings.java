package dev.sessiondesk.model;

/**
 * What a session asks of its assistant: the model to use (empty: the endpoint's default, from
 * Preferences) and a system prompt (empty: none). The system prompt is sent with every reply of the
 * session as the system message; it is never stored or shown as a message.
 */
public record SessionSettings(String model, String systemPrompt) {
    public static final SessionSettings DEFAULT = new SessionSettings("", "");

    public SessionSettings {
        model = model == null ? "" : model.strip();
        systemPrompt = systemPrompt == null ? "" : systemPrompt;
    }

    public SessionSettings withModel(String value) {
        return new SessionSettings(value, systemPrompt);
    }

    public SessionSettings withSystemPrompt(String value) {
        return new SessionSettings(model, value);
    }
}
