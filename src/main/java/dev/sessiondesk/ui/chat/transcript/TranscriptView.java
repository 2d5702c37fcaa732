package dev.sessiondesk.ui.chat.transcript;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sessiondesk.app.render.LinkPolicy;
import dev.sessiondesk.app.render.MessageHtml;
import dev.sessiondesk.app.render.MessageMarkdown;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.ui.i18n.Texts;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Worker;
import javafx.scene.Node;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.paint.Color;
import javafx.scene.web.WebEngine;
import javafx.scene.web.WebView;
import netscape.javascript.JSObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A window's conversation as one HTML page in one {@link WebView}: selection across messages, copy,
 * tables, links and font fallback come with WebKit. The page shows already-loaded {@link Message}
 * records (no disk I/O here); changes reach it as small script calls — a streaming reply replaces
 * only its own article, paced by {@link SyncPacer}. Content is untrusted: it is
 * escaped by {@link MessageHtml}, cleaned again by DOMPurify and held by the page's
 * Content-Security-Policy; links open in the system browser only for http, https and mailto.
 */
public final class TranscriptView implements TranscriptBridge.Calls {
    private static final Logger LOG = LoggerFactory.getLogger(TranscriptView.class);

    private final Texts texts = Texts.of("transcript");
    private final WebView web = new WebView();
    private final WebEngine engine = web.getEngine();
    private final TranscriptSync sync;
    private final TranscriptActions actions;
    private final Consumer<String> browser;
    private final TranscriptBridge bridge = new TranscriptBridge(this); // strong: the page holds it weakly
    private final List<String> beforeLoad = new ArrayList<>();
    private final SyncPacer pacer = new SyncPacer(this::runSync);
    private final MessageMenu menu;
    private boolean loaded;
    private boolean dark;
    private int pendingReveal = -1;
    private List<String> pendingWords = List.of();
    private int revealed = -1;
    private boolean marking;

    /**
     * @param messages the messages to show, in seq order (the window's visible ones)
     * @param actions  what the toolbar, the menu and the keys do to a message
     * @param browser  opens an address the link policy allowed in the system browser
     */
    public TranscriptView(ObservableList<Message> messages, TranscriptActions actions, Consumer<String> browser) {
        this(messages, actions, browser, TaskRunner.sameThread());
    }

    /** The same, rendering older pages with {@code tasks} (off the FX thread, results back on it). */
    public TranscriptView(ObservableList<Message> messages, TranscriptActions actions, Consumer<String> browser,
                          TaskRunner tasks) {
        this.actions = actions;
        this.browser = browser;
        this.sync = new TranscriptSync(messages, new MessageHtml(texts::get, ZoneId.systemDefault()), this::branch,
                new Ops(), tasks);
        this.menu = new MessageMenu(this, actions, texts);
        web.setId("transcript");
        web.setAccessibleText(texts.get("transcript.label"));
        web.setContextMenuEnabled(false);
        web.setPageFill(Color.WHITE);
        web.setFocusTraversable(true);
        engine.setJavaScriptEnabled(true);
        engine.setCreatePopupHandler(features -> null); // no window.open, no target=_blank windows
        engine.getLoadWorker().stateProperty().addListener((o, was, state) -> {
            if (state == Worker.State.SUCCEEDED && !loaded) {
                pageLoaded();
            }
        });
        // Our page is loaded from a string; any navigation away from it is refused.
        engine.locationProperty().addListener((o, was, now) -> {
            if (loaded && now != null && !now.isEmpty() && !now.equals(was)) {
                LOG.warn("transcript refused to navigate to {}", now);
                Platform.runLater(() -> engine.getLoadWorker().cancel());
            }
        });
        web.addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
        web.setOnContextMenuRequested(e -> {
            e.consume();
            int seq = number(script("T.seqAt(" + e.getX() + "," + e.getY() + ")"));
            Object code = script("T.codeAt(" + e.getX() + "," + e.getY() + ")");
            menu.show(web, seq, selectionText(), code instanceof String s ? s : null, e.getScreenX(), e.getScreenY());
        });
        messages.addListener((ListChangeListener<Message>) c -> {
            if (loaded) {
                pacer.changed(c);
            }
        });
        actions.watchBranches(seq -> {
            if (loaded) {
                sync.refresh(seq); // "‹ 1 / 2 ›" becomes "‹ 1 / 3 ›" when another branch is made there
            }
        });
        engine.loadContent(TranscriptPage.html(), "text/html");
    }

    /** Builds the page (reads the scripts from the jar) so the first window does not wait for it; call off the FX thread. */
    public static void preparePage() {
        TranscriptPage.html();
    }

    public Node node() {
        return web;
    }

    public WebView webView() {
        return web;
    }

    public boolean isLoaded() {
        return loaded;
    }

    /** Light or dark colours for the page (the window's theme). */
    public void setTheme(boolean dark) {
        this.dark = dark;
        web.setPageFill(dark ? Color.web("#0d1117") : Color.WHITE);
        run("T.setTheme(" + dark + ")");
    }

    public boolean isDark() {
        return dark;
    }

    /**
     * Shows message {@code seq} (a search hit) with {@code words} marked in its text until the user's
     * next action; false when it is not in this window's list. The page marks plain text nodes, so
     * the words are never parsed as HTML.
     */
    public boolean reveal(int seq, List<String> words) {
        if (!loaded) {
            if (sync.message(seq) == null) {
                return false;
            }
            pendingReveal = seq; // shown once the page has loaded
            pendingWords = words;
            return true;
        }
        pacer.runNow();
        if (!sync.include(seq)) {
            return false;
        }
        run("T.reveal(" + seq + "," + js(words) + ")");
        revealed = seq;
        marking = !words.isEmpty();
        return true;
    }

    /** The user acted after a search hit was shown: its marked words fade out. Cheap when nothing is marked. */
    public void fadeMarks() {
        if (marking) {
            marking = false;
            run("T.fadeMarks()");
        }
    }

    /** The last message {@link #reveal} showed (a search hit), or -1. */
    public int revealedSeq() {
        return revealed;
    }

    /** The selected text (math as TeX, without buttons and headers). */
    public String selectionText() {
        Object text = script("T.selectionText()");
        return text instanceof String s ? s : "";
    }

    /** Ctrl+A: selects the whole conversation (not the toolbars). */
    public void selectAll() {
        run("T.selectAll()");
    }

    /** Ctrl+C: puts the selection on the clipboard; false when nothing is selected. */
    public boolean copySelection() {
        String text = selectionText();
        if (text.isEmpty()) {
            return false;
        }
        toClipboard(text);
        return true;
    }

    /** Runs a script in the page and returns its value; null before the page is loaded (tests query the DOM with it). */
    public Object script(String js) {
        if (!loaded) {
            return null;
        }
        try {
            return engine.executeScript(js);
        } catch (RuntimeException e) {
            LOG.warn("transcript script failed: {}", e.getMessage());
            return null;
        }
    }

    private void keys(KeyEvent e) {
        if (e.isShortcutDown() && e.getCode() == KeyCode.C) {
            e.consume();
            copySelection();
        } else if (e.isShortcutDown() && e.getCode() == KeyCode.A) {
            e.consume();
            selectAll();
        } else if ((e.getCode() == KeyCode.CONTEXT_MENU || (e.isShiftDown() && e.getCode() == KeyCode.F10))) {
            e.consume();
            int seq = number(script("T.focusedSeq()"));
            if (seq > 0) {
                var b = web.localToScreen(web.getBoundsInLocal());
                menu.show(web, seq, selectionText(), null, b.getMinX() + 40, b.getMinY() + 40);
            }
        }
    }

    private void pageLoaded() {
        loaded = true;
        ((JSObject) engine.executeScript("window")).setMember("bridge", bridge);
        if (dark) {
            engine.executeScript("T.setTheme(true)");
        }
        sync.reset();
        pacer.synced();
        for (String js : beforeLoad) {
            engine.executeScript(js);
        }
        beforeLoad.clear();
        if (pendingReveal >= 0) {
            reveal(pendingReveal, pendingWords);
            pendingReveal = -1;
        }
    }

    private void runSync() {
        if (loaded) {
            sync.sync();
        }
    }

    private int[] branch(int seq) {
        return actions.branchAt(seq).map(p -> new int[] {p.index(), p.count()}).orElse(null);
    }

    private void run(String js) {
        if (loaded) {
            try {
                engine.executeScript(js);
            } catch (RuntimeException e) {
                LOG.warn("transcript script failed: {}", e.getMessage());
            }
        } else if (!js.startsWith("T.setTheme")) {
            beforeLoad.add(js);
        }
    }

    /** A string or a list of strings as a JavaScript literal (JSON). */
    static String js(Object value) {
        try {
            return CanonicalJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot quote text for the transcript page", e);
        }
    }

    private static int number(Object value) {
        return value instanceof Number n ? n.intValue() : -1;
    }

    void toClipboard(String text) {
        Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, text));
    }

    /** "Copy": the message as Markdown. */
    void copyMessage(int seq) {
        Message m = sync.message(seq);
        if (m != null) {
            toClipboard(MessageMarkdown.of(m));
        }
    }

    /** The plain text of a message's text items (what "Edit" starts from). */
    String textOf(int seq) {
        Message m = sync.message(seq);
        return m == null ? "" : ContentItems.plainText(m.contentJson());
    }

    Message messageAt(int seq) {
        return sync.message(seq);
    }

    @Override
    public void copyCode(String code) {
        toClipboard(code);
    }

    @Override
    public void act(String action, int seq) {
        menu.perform(action, seq, web);
    }

    @Override
    public void openLink(String href) {
        if (LinkPolicy.isOpenable(href)) {
            browser.accept(href.strip());
        } else {
            LOG.info("transcript refused to open a link that is not http, https or mailto");
        }
    }

    @Override
    public void loadOlder() {
        // Called from the page's scroll handler; answer after it returns so the page is not re-entered.
        Platform.runLater(sync::loadOlder);
    }

    @Override
    public void showMore(int seq, int item, int shown) {
        Message m = sync.message(seq);
        if (m == null) {
            return;
        }
        try {
            String text = CanonicalJson.parse(m.contentJson()).path(item).path("text").asText("");
            String chunk = MessageHtml.chunk(text, shown);
            int now = Math.min(text.length(), shown + MessageHtml.CHUNK_CHARS);
            run("T.chunk(" + seq + "," + item + "," + js(chunk) + "," + now + "," + text.length() + ")");
        } catch (JsonProcessingException e) {
            LOG.warn("message {} has no text to show more of", seq);
        }
    }

    @Override
    public void pageError(String message) {
        LOG.warn("transcript page: {}", message);
    }

    /** The page operations as script calls. */
    private final class Ops implements PageOps {
        @Override
        public void reset(String html, boolean hasOlder) {
            run("T.reset(" + js(html) + "," + hasOlder + "," + js(texts.get("empty")) + ")");
        }

        @Override
        public void append(String html) {
            run("T.append(" + js(html) + ")");
        }

        @Override
        public void prepend(String html, boolean hasOlder) {
            run("T.prepend(" + js(html) + "," + hasOlder + ")");
        }

        @Override
        public void replace(int seq, String html) {
            run("T.replace(" + seq + "," + js(html) + ")");
        }

        @Override
        public void remove(int seq) {
            run("T.remove(" + seq + ")");
        }
    }
}
