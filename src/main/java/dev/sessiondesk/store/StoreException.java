package dev.sessiondesk.store;

import java.sql.SQLException;

/**
 * Every failure of the store, with a message a person can act on (it names the store file or the
 * session) and a {@link Kind} the UI and CLI use to decide what to do (retry, explain, exit 2).
 */
public class StoreException extends RuntimeException {

    public enum Kind {
        /** Another program holds the database lock longer than the busy timeout. Retry later. */
        LOCKED,
        /** The disk (or the store's size limit) is full. Retry once space returns. */
        FULL,
        /** The store was opened read-only (newer schema, read-only folder). */
        READ_ONLY,
        /** The store was written by a newer SessionDesk. */
        NEWER_SCHEMA,
        /** The file is not a database, or SQLite reports corruption. */
        CORRUPT,
        /** No such session (or message). */
        NOT_FOUND,
        /** The operation does not fit the current state (e.g. purging a session not in the trash). */
        CONFLICT,
        /** A message is larger than one message may be ({@code MessageSize}); nothing of it was saved. */
        TOO_LARGE,
        /** The store file or its log was replaced or removed under a running writer; the writer stopped. */
        REPLACED,
        /** Anything else: an I/O error, a bug. */
        IO
    }

    private final Kind kind;

    public StoreException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public StoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** True for failures that go away by themselves (lock released, space freed): keep the data and retry. */
    public boolean isTransient() {
        return kind == Kind.LOCKED || kind == Kind.FULL;
    }

    /** Turns an SQLite error into a StoreException that says what was being done and where. */
    public static StoreException from(SQLException e, String doing, String where) {
        int code = e.getErrorCode() & 0xFF; // primary result code; extended codes keep it in the low byte
        String prefix = "cannot " + doing + " (" + where + "): ";
        return switch (code) {
            case 5, 6 -> new StoreException(Kind.LOCKED,
                    prefix + "the store is locked by another program; retrying will succeed once it lets go", e);
            case 13 -> new StoreException(Kind.FULL, prefix + "the disk is full", e);
            case 8 -> new StoreException(Kind.READ_ONLY, prefix + "the store or its folder is read-only", e);
            case 11, 26 -> new StoreException(Kind.CORRUPT,
                    prefix + "the file is damaged or is not a SessionDesk store (" + firstLine(e) + ")", e);
            case 14 -> new StoreException(Kind.IO, prefix + "the store file cannot be opened (" + firstLine(e) + ")", e);
            default -> new StoreException(Kind.IO, prefix + firstLine(e), e);
        };
    }

    private static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
