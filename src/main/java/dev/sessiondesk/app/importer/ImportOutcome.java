package dev.sessiondesk.app.importer;

import dev.sessiondesk.app.text.UserText;

/** What importing one source session did (or, in a dry run, would do); {@code detail} may be null. */
public record ImportOutcome(Kind kind, String label, String sessionId, int messagesAdded, UserText detail) {

    public enum Kind {
        /** A new session with all its messages. */
        IMPORTED,
        /** The same messages are already in the store (possibly followed by newer ones). */
        ALREADY_PRESENT,
        /** The stored copy is a prefix of the source: only the new messages were appended. */
        APPENDED,
        /** The source no longer matches the stored copy; it was imported as a separate session. */
        IMPORTED_AS_COPY,
        /** Nothing was written (the stored copy is in the trash, or the store refused it). */
        SKIPPED
    }
}
