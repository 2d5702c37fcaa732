package dev.sessiondesk.app.assistant;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The assistant new replies go to. The Preferences window (or {@code ask --endpoint}) changes it;
 * replies already running keep the assistant they started with.
 */
public final class AssistantSelection {
    private AssistantSettings settings;
    private Assistant assistant;

    public AssistantSelection(AssistantSettings settings) {
        use(settings);
    }

    /**
     * Applies the user's settings (environment over {@code assistant.properties} in {@code configDir}),
     * as the app does at start. Unusable settings leave the current assistant in place; the returned
     * message says what is wrong and where, for the window to show.
     */
    public Optional<String> useConfigured(Map<String, String> env, Path configDir) {
        try {
            use(AssistantSettings.load(env, configDir));
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    public synchronized void use(AssistantSettings newSettings) {
        use(newSettings, newSettings.createAssistant());
    }

    /** Uses a given assistant (tests, embedders) described by {@code newSettings}. */
    public synchronized void use(AssistantSettings newSettings, Assistant newAssistant) {
        this.settings = Objects.requireNonNull(newSettings, "settings");
        this.assistant = Objects.requireNonNull(newAssistant, "assistant");
    }

    public synchronized Assistant current() {
        return assistant;
    }

    public synchronized AssistantSettings settings() {
        return settings;
    }
}
