package dev.sessiondesk.ui.chat;

import dev.sessiondesk.store.StoreException;

/** The words the status bar uses for a failed save; the unsent text always stays in the composer. */
final class StoreErrorText {
    private StoreErrorText() {
    }

    static String forSend(Throwable error) {
        if (error instanceof StoreException se) {
            return switch (se.kind()) {
                case FULL -> "Disk full — your message is kept here and will be retried";
                case LOCKED -> "Store locked by another program — retrying";
                case READ_ONLY, NEWER_SCHEMA -> "Not sent: the store is read-only — " + se.getMessage();
                case NOT_FOUND -> "Not sent: this session is no longer in the store";
                default -> "Not sent: " + se.getMessage();
            };
        }
        return "Not sent: " + error.getMessage();
    }

    static boolean isTransient(Throwable error) {
        return error instanceof StoreException se && se.isTransient();
    }
}
