package dev.sessiondesk.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Checks, inside each write transaction, that the files the writer's connection has open are still
 * the ones at the store's paths. SQLite keeps writing through its open descriptors: after the store
 * was renamed over (a restore by a program that does not take the {@link StoreClaim}) or its
 * {@code -wal} was deleted, every commit would still "succeed" into a file no reader will ever see.
 * A changed identity stops the writer with a clear error instead of acknowledging into the void.
 */
final class StoreFileIdentity {
    private final Path db;
    private final Path wal;
    private final Object dbKey;
    private Object walKey; // recorded at the first transaction: the log exists once one has begun

    StoreFileIdentity(Path db) {
        this.db = db.toAbsolutePath();
        this.wal = this.db.resolveSibling(this.db.getFileName() + "-wal");
        this.dbKey = keyOf(this.db);
    }

    /** Throws when the store or its log is no longer the file this writer writes to. */
    void check(String doing) {
        if (dbKey == null) {
            return; // a file system without file keys: nothing to compare
        }
        Object nowDb = keyOf(db);
        if (!dbKey.equals(nowDb)) {
            throw stopped(doing, nowDb == null ? "the store file " + db + " was removed"
                    : "the store file " + db + " was replaced by another file (a restore or a move by another"
                    + " program)");
        }
        Object nowWal = keyOf(wal);
        if (walKey == null) {
            walKey = nowWal;
            return;
        }
        if (!walKey.equals(nowWal)) {
            throw stopped(doing, nowWal == null ? "its write-ahead log " + wal + " was deleted"
                    : "its write-ahead log " + wal + " was replaced by another file");
        }
    }

    private static StoreException stopped(String doing, String what) {
        return new StoreException(StoreException.Kind.REPLACED, "cannot " + doing + ": " + what
                + " while this process was writing to it; this process stops saving (nothing after its last"
                + " acknowledged message was saved). Check the store with `sessiondesk verify` and start again");
    }

    private static Object keyOf(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return "unreadable: " + e.getMessage(); // never equal to a real key: stops the writer, as it should
        }
    }
}
