package dev.sessiondesk.ui.chat.transcript;

/**
 * The only Java the transcript page can call: exactly the actions its buttons and keys need. Public
 * because WebKit's bridge reflects over public methods; it holds nothing but the view it calls back.
 * The view keeps a strong reference to it (the page's reference alone is weak).
 */
public final class TranscriptBridge {
    /** What the page asks the window to do. */
    interface Calls {
        void copyCode(String code);

        void act(String action, int seq);

        void openLink(String href);

        void loadOlder();

        void showMore(int seq, int item, int shown);

        void pageError(String message);
    }

    private final Calls calls;

    TranscriptBridge(Calls calls) {
        this.calls = calls;
    }

    public void copyCode(String code) {
        calls.copyCode(code);
    }

    public void act(String action, int seq) {
        calls.act(action, seq);
    }

    public void openLink(String href) {
        calls.openLink(href);
    }

    public void loadOlder() {
        calls.loadOlder();
    }

    public void showMore(int seq, int item, int shown) {
        calls.showMore(seq, item, shown);
    }

    public void log(String message) {
        calls.pageError(message);
    }
}
