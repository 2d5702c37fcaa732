package dev.sessiondesk.ui.windows;

import dev.sessiondesk.app.client.OpenStore;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.ui.api.ApiPairingDialog;
import dev.sessiondesk.ui.chat.ChatWindow;
import dev.sessiondesk.ui.chat.StatusKind;
import dev.sessiondesk.ui.prefs.PreferencesDialog;
import dev.sessiondesk.ui.search.SearchPalette;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a chat window opens over itself: the search palette (Ctrl+K), Preferences with the API
 * pairing button, and links from the transcript in the system browser. None of it is about which
 * windows there are, so it lives beside the {@link WindowCoordinator}, not in it. Runs on the FX thread.
 */
final class WindowTools {
    private static final Logger LOG = LoggerFactory.getLogger(WindowTools.class);

    /** Where a search hit goes: the window it was searched from, the session, the message, the words it matched. */
    interface HitOpener {
        void openAt(ChatWindow from, String sessionId, int seq, List<String> words);
    }

    private final OpenStore store;
    private final TaskRunner runner;
    private final Path configDir;
    private Consumer<String> browser = url -> LOG.warn("no system browser to open a link with");
    private SearchPalette lastSearch;

    /** @param configDir where Preferences saves the assistant settings */
    WindowTools(OpenStore store, TaskRunner runner, Path configDir) {
        this.store = store;
        this.runner = runner;
        this.configDir = configDir;
    }

    /** The search palette inside {@code from}; a hit goes to {@code hits}. */
    void search(ChatWindow from, HitOpener hits) {
        lastSearch = SearchPalette.in(from.stage().getScene(), store.desk().search(), runner,
                hit -> hits.openAt(from, hit.sessionId(), hit.seq(), hit.matchedWords()));
        lastSearch.show();
    }

    /** The search palette last opened (in whichever window). */
    SearchPalette searchPalette() {
        return lastSearch;
    }

    void openLink(String url) {
        browser.accept(url);
    }

    void setBrowser(Consumer<String> browser) {
        this.browser = browser;
    }

    void preferences(ChatWindow from) {
        PreferencesDialog dialog = new PreferencesDialog(from.stage(), store.desk().assistants(), configDir, runner,
                message -> from.viewModel().status().report(StatusKind.SAVED, message));
        dialog.addButton(ApiPairingDialog.openButton(dialog.stage(), store.localApi(), runner));
        dialog.show();
    }
}
