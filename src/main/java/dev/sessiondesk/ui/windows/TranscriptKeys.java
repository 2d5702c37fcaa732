package dev.sessiondesk.ui.windows;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * Page Up / Page Down scroll the conversation from anywhere in the window (the composer keeps the
 * focus); Ctrl+Home / Ctrl+End go to its start and end, and plain Home / End do too when the focus
 * is not in a text field (there they move the caret). Lists that use these keys themselves (the
 * session list, search results) keep them.
 */
final class TranscriptKeys {
    /** What the keys move; the transcript view implements it. */
    interface Scrolling {
        void pageUp();

        void pageDown();

        void toStart();

        void toEnd();
    }

    private TranscriptKeys() {
    }

    static void install(Scene scene, Scrolling transcript, Node transcriptNode) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            Node focus = scene.getFocusOwner();
            boolean inOtherList = focus instanceof ListView<?> && focus != transcriptNode;
            boolean inText = focus instanceof TextInputControl;
            if (inOtherList || e.isAltDown()) {
                return;
            }
            KeyCode k = e.getCode();
            if (k == KeyCode.PAGE_UP && !e.isShortcutDown()) {
                transcript.pageUp();
            } else if (k == KeyCode.PAGE_DOWN && !e.isShortcutDown()) {
                transcript.pageDown();
            } else if (k == KeyCode.HOME && (e.isShortcutDown() || !inText)) {
                transcript.toStart();
            } else if (k == KeyCode.END && (e.isShortcutDown() || !inText)) {
                transcript.toEnd();
            } else {
                return;
            }
            e.consume();
        });
    }

    /** The keys on the WebView transcript: a page is the view's height less a line of overlap. */
    static Scrolling of(dev.sessiondesk.ui.chat.transcript.TranscriptView view) {
        return new Scrolling() {
            @Override
            public void pageUp() {
                view.script("window.scrollBy(0, -Math.max(40, window.innerHeight - 40))");
            }

            @Override
            public void pageDown() {
                view.script("window.scrollBy(0, Math.max(40, window.innerHeight - 40))");
            }

            @Override
            public void toStart() {
                // The page loads older messages itself when it reaches the top.
                view.script("window.scrollTo(0, 0)");
            }

            @Override
            public void toEnd() {
                view.script("window.scrollTo(0, document.body.scrollHeight)");
            }
        };
    }

    /** The keys on a virtualized message list: a page is the list's visible height. */
    static Scrolling of(ListView<?> list) {
        return new Scrolling() {
            private VirtualFlow<?> flow() {
                return list.lookup(".virtual-flow") instanceof VirtualFlow<?> f ? f : null;
            }

            @Override
            public void pageUp() {
                VirtualFlow<?> f = flow();
                if (f != null) {
                    f.scrollPixels(-Math.max(40, list.getHeight() - 40));
                }
            }

            @Override
            public void pageDown() {
                VirtualFlow<?> f = flow();
                if (f != null) {
                    f.scrollPixels(Math.max(40, list.getHeight() - 40));
                }
            }

            @Override
            public void toStart() {
                if (!list.getItems().isEmpty()) {
                    list.scrollTo(0);
                }
            }

            @Override
            public void toEnd() {
                int last = list.getItems().size() - 1;
                if (last >= 0) {
                    list.scrollTo(last);
                    VirtualFlow<?> f = flow();
                    if (f != null) {
                        f.scrollPixels(1e7);
                    }
                }
            }
        };
    }
}
