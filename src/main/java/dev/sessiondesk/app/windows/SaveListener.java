package dev.sessiondesk.app.windows;

/** Hears how background saves go, so a status bar can tell the truth ("Saved 12:03:04", "Disk full — …"). */
public interface SaveListener {
    SaveListener NONE = new SaveListener() {
    };

    /** Something was committed to the store just now. */
    default void saved(String windowId) {
    }

    /** A save failed; the value is kept and will be retried. */
    default void failed(String windowId, RuntimeException error) {
    }
}
