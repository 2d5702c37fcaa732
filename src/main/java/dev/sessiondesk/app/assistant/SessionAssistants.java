package dev.sessiondesk.app.assistant;

import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.model.SessionSettings;
import dev.sessiondesk.store.SessionSettingsStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The assistant each session's replies go to: the one chosen in Preferences, with the session's own
 * model and system prompt when it has them. A window's latest choice is {@link #remember}ed at once
 * (no disk), so a message sent right after the choice already uses it; {@link #save} persists it.
 */
public final class SessionAssistants {
    private final AssistantSelection selection;
    private final SessionSettingsStore store;
    private final Map<String, SessionSettings> latest = new ConcurrentHashMap<>();

    public SessionAssistants(AssistantSelection selection, SessionSettingsStore store) {
        this.selection = selection;
        this.store = store;
    }

    /** The assistant for the session's next reply. Reads the store at most once per session. */
    public Assistant forSession(String sessionId) {
        AssistantSettings base;
        Assistant current;
        synchronized (selection) {
            base = selection.settings();
            current = selection.current();
        }
        if (base.isOffline()) {
            return current; // the demo has no models and ignores a system prompt
        }
        SessionSettings own = settings(sessionId);
        if (own.model().isEmpty() && own.systemPrompt().isBlank()) {
            return current;
        }
        AssistantSettings chosen = own.model().isEmpty() ? base : base.withModel(own.model());
        return new OpenAiCompatibleAssistant(chosen, own.systemPrompt());
    }

    /** The session's settings (blocks on the store the first time). */
    public SessionSettings settings(String sessionId) {
        SessionSettings known = latest.get(sessionId);
        if (known != null) {
            return known;
        }
        SessionSettings stored = store.get(sessionId);
        latest.putIfAbsent(sessionId, stored);
        return latest.get(sessionId);
    }

    /** Takes the user's choice for the session's next reply now; no I/O (safe on the FX thread). */
    public void remember(String sessionId, SessionSettings settings) {
        latest.put(sessionId, settings);
    }

    /** Writes the session's settings to the store (blocks; off the FX thread). */
    public void save(String sessionId, SessionSettings settings) {
        latest.put(sessionId, settings);
        store.save(sessionId, settings);
    }

    /** Whether replies come from the offline demo (then there is no model to pick). */
    public boolean offline() {
        return selection.settings().isOffline();
    }

    /** Who answers, for the window ("the assistant at http://…"). */
    public String describe() {
        return selection.current().describe();
    }

    /** Who answers, in no language yet. */
    public UserText describeText() {
        return selection.current().describeText();
    }

    /** The endpoint's models (blocks on the network; off the FX thread). */
    public List<String> availableModels() throws AssistantException {
        return ModelCatalog.list(selection.settings());
    }

    /** The model new replies use when a session picked none. */
    public String defaultModel() {
        return selection.settings().model();
    }
}
