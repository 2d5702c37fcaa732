package dev.sessiondesk.app.assistant;

import java.util.Objects;

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
