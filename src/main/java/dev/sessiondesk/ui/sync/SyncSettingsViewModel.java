package dev.sessiondesk.ui.sync;

import dev.sessiondesk.app.sync.SyncSettings;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.app.text.SyncWords;
import dev.sessiondesk.ui.i18n.Texts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Preferences → Sync without a window: the URL and password fields, Test connection (in the
 * background: it waits on the network) and Save (the URL to sync.properties, the password to a 0600
 * file; neither ever reaches the store or the log).
 */
public final class SyncSettingsViewModel {
    private static final Texts TEXTS = Texts.of("sync");

    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty result = new SimpleStringProperty("");
    private final BooleanProperty problem = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final Map<String, String> env;
    private final Path configDir;
    private final Path home;
    private final TaskRunner runner;
    private final Runnable onSaved;

    public SyncSettingsViewModel(Map<String, String> env, Path configDir, Path home, TaskRunner runner, Runnable onSaved) {
        this.env = env;
        this.configDir = configDir;
        this.home = home;
        this.runner = runner;
        this.onSaved = onSaved;
        try {
            url.set(SyncSettings.configuredUrl(env, configDir).orElse(""));
        } catch (IllegalArgumentException e) {
            show(Texts.say(SyncWords.failure(e.getMessage())), true);
        }
    }

    public StringProperty url() {
        return url;
    }

    public StringProperty password() {
        return password;
    }

    public StringProperty result() {
        return result;
    }

    public BooleanProperty problem() {
        return problem;
    }

    public BooleanProperty busy() {
        return busy;
    }

    /** Whether SESSIONDESK_SYNC_URL overrides what is saved here. */
    public boolean environmentWins() {
        String v = env.get(SyncSettings.ENV_URL);
        return v != null && !v.isBlank();
    }

    public CompletableFuture<String> test() {
        if (url.get().isBlank()) {
            show(TEXTS.get("dialog.error.emptyUrl"), true);
            return CompletableFuture.completedFuture(null);
        }
        String u = url.get();
        String p = password.get();
        busy.set(true);
        show(TEXTS.get("dialog.testing"), false);
        return BackgroundTask.supply("test the sync server", () -> SyncSettings.testConnection(u, p, env, configDir, home))
                .onSuccess(said -> show(TEXTS.get("dialog.testOk", Texts.say(SyncWords.probe(said))), false))
                .onError(e -> show(Texts.say(SyncWords.failure(BackgroundTask.unwrap(e).getMessage())), true))
                .onFinally(() -> busy.set(false))
                .executeWith(runner);
    }

    /** Saves (on the calling thread: two small files in the config folder). Returns whether it did. */
    public boolean save() {
        if (url.get().isBlank()) {
            show(TEXTS.get("dialog.error.emptyUrl"), true);
            return false;
        }
        try {
            SyncSettings.testParse(url.get());
            SyncSettings.save(configDir, url.get(), password.get());
        } catch (IOException | IllegalArgumentException e) {
            show(TEXTS.get("dialog.error.save", configDir, Texts.say(SyncWords.failure(e.getMessage()))), true);
            return false;
        }
        password.set("");
        show(TEXTS.get("dialog.saved", url.get().strip()), false);
        onSaved.run();
        return true;
    }

    private void show(String text, boolean isProblem) {
        result.set(text);
        problem.set(isProblem);
    }
}
