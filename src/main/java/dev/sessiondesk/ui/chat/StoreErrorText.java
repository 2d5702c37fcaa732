package dev.sessiondesk.ui.chat;

import dev.sessiondesk.store.StoreException;
import dev.sessiondesk.ui.i18n.Texts;

/** The words the status bar uses for a failed save; the unsent text always stays in the composer. */
final class StoreErrorText {
    private static final Texts T = Texts.of("app");

    private StoreErrorText() {
    }

    /** A message that was not sent. */
    static String forSend(Throwable error) {
        return text(error, "send.full");
    }

    /** A draft or layout that was not saved in the background. */
    static String forDraft(Throwable error) {
        return text(error, "draft.full");
    }

    private static String text(Throwable error, String fullKey) {
        String detail = String.valueOf(error.getMessage());
        if (error instanceof StoreException se) {
            return switch (se.kind()) {
                case FULL -> T.get(fullKey);
                case LOCKED -> T.get("send.locked");
                case READ_ONLY, NEWER_SCHEMA -> T.get("send.readOnly", detail);
                case NOT_FOUND -> T.get("send.notFound");
                default -> T.get("send.failed", detail);
            };
        }
        return T.get("send.failed", detail);
    }

    static boolean isTransient(Throwable error) {
        return error instanceof StoreException se && se.isTransient();
    }
}
