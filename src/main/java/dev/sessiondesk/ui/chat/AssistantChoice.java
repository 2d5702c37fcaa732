package dev.sessiondesk.ui.chat;

import dev.sessiondesk.app.assistant.AssistantException;
import dev.sessiondesk.app.assistant.SessionAssistants;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.model.SessionSettings;
import dev.sessiondesk.ui.i18n.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The window's model picker and system prompt for the session it shows. Models come from the
 * endpoint's {@code GET /v1/models} off the FX thread (a failure is shown as it is, naming the
 * endpoint); the offline demo has none and says so. A choice applies to the session's next reply at
 * once and is saved with the session, so it survives restarts.
 */
public final class AssistantChoice {
    private static final Texts TEXT = Texts.of("composer");

    private final SessionAssistants assistants;
    private final TaskRunner runner;
    private final ReadOnlyStringProperty sessionId;
    private final ObservableList<String> models = FXCollections.observableArrayList();
    private final SimpleStringProperty model = new SimpleStringProperty("");
    private final SimpleStringProperty systemPrompt = new SimpleStringProperty("");
    private final SimpleStringProperty problem = new SimpleStringProperty();
    private final SimpleStringProperty who = new SimpleStringProperty("");
    private final SimpleBooleanProperty offline = new SimpleBooleanProperty(true);
    private SessionSettings loaded = SessionSettings.DEFAULT;
    private String loadedFor;

    public AssistantChoice(SessionAssistants assistants, TaskRunner runner, ReadOnlyStringProperty sessionId) {
        this.assistants = assistants;
        this.runner = runner;
        this.sessionId = sessionId;
        sessionId.addListener((o, was, now) -> load());
        load();
    }

    /** Reads the shown session's model and prompt, and who answers. */
    public void load() {
        String sid = sessionId.get();
        if (sid == null) {
            return;
        }
        BackgroundTask.supply("read the model and system prompt of session " + sid, () -> new Loaded(
                        assistants.settings(sid), assistants.offline(), Texts.say(assistants.describeText()),
                        assistants.defaultModel()))
                .onSuccess(l -> {
                    if (!sid.equals(sessionId.get())) {
                        return;
                    }
                    loadedFor = sid;
                    loaded = l.settings();
                    offline.set(l.offline());
                    who.set(l.offline() ? TEXT.get("offlineDemo") : l.who());
                    String shownModel = l.settings().model().isEmpty() ? l.defaultModel() : l.settings().model();
                    if (!shownModel.isEmpty() && !models.contains(shownModel)) {
                        models.add(shownModel);
                    }
                    model.set(shownModel);
                    systemPrompt.set(l.settings().systemPrompt());
                })
                .onError(e -> problem.set(e.getMessage()))
                .executeWith(runner);
    }

    private record Loaded(SessionSettings settings, boolean offline, String who, String defaultModel) {
    }

    /** Asks the endpoint which models it has (the picker calls it when it opens). */
    public void refreshModels() {
        if (offline.get()) {
            models.clear();
            problem.set(null);
            return;
        }
        BackgroundTask.supply("list the endpoint's models", assistants::availableModels)
                .onSuccess(list -> {
                    List<String> all = new ArrayList<>(list);
                    if (!model.get().isEmpty() && !all.contains(model.get())) {
                        all.add(0, model.get());
                    }
                    models.setAll(all);
                    problem.set(null);
                })
                .onError(e -> problem.set(TEXT.get("modelsFailed",
                        e instanceof AssistantException a ? Texts.say(a.text()) : e.getMessage())))
                .executeWith(runner);
    }

    /** The user picked a model for this session. */
    public void chooseModel(String chosen) {
        String value = chosen == null ? "" : chosen.strip();
        if (value.equals(model.get()) && value.equals(loaded.model())) {
            return;
        }
        model.set(value);
        save(loaded.withModel(value));
    }

    /** The user finished editing the system prompt (focus left the field, or the debounce ran out). */
    public void commitSystemPrompt(String text) {
        String value = text == null ? "" : text;
        systemPrompt.set(value);
        if (!value.equals(loaded.systemPrompt())) {
            save(loaded.withSystemPrompt(value));
        }
    }

    private void save(SessionSettings next) {
        String sid = sessionId.get();
        if (sid == null || !sid.equals(loadedFor)) {
            return;
        }
        loaded = next;
        assistants.remember(sid, next); // the next reply uses it even before the write lands
        BackgroundTask.run("save the model and system prompt of session " + sid, () -> assistants.save(sid, next))
                .onSuccess(v -> problem.set(null))
                .onError(e -> problem.set(TEXT.get("settingsNotSaved", e.getMessage())))
                .executeWith(runner);
    }

    public ObservableList<String> models() {
        return models;
    }

    public ReadOnlyStringProperty modelProperty() {
        return model;
    }

    public ReadOnlyStringProperty systemPromptProperty() {
        return systemPrompt;
    }

    /** Why models could not be listed or a choice not saved; null when all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return problem;
    }

    /** Who answers: the endpoint, or the offline demo (labelled as such). */
    public ReadOnlyStringProperty whoProperty() {
        return who;
    }

    public ReadOnlyBooleanProperty offlineProperty() {
        return offline;
    }

    boolean loadedFor(String sid) {
        return Objects.equals(loadedFor, sid);
    }
}
