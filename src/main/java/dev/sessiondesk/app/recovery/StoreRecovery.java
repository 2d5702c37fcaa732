package dev.sessiondesk.app.recovery;

import dev.sessiondesk.store.PrivateFiles;
import dev.sessiondesk.store.Schema;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreClaim;
import dev.sessiondesk.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the app does with a store it cannot use (promise P8): it says why in words a person can act
 * on, never overwrites the file, and — only when asked — moves a damaged store aside as
 * {@code sessions.db.damaged-<timestamp>} (0600, with its -wal/-shm) and starts a fresh one. Restoring
 * a backup is the other way forward; that is the backup service's job.
 */
public final class StoreRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRecovery.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final String[] COMPANIONS = {"", "-wal", "-shm"};

    /** The state of a data folder's store, as far as the app needs to decide what to offer. */
    public enum Condition {
        /** Opens and passes SQLite's quick_check. */
        HEALTHY,
        /** No store yet: opening creates a fresh one. */
        MISSING,
        /** Not a database, not a SessionDesk store, truncated or with damaged pages. */
        DAMAGED,
        /** Written by a newer SessionDesk: readable, never written. */
        NEWER_VERSION,
        /** The file or its folder cannot be written. */
        READ_ONLY,
        /** Another program holds the lock longer than the busy timeout. */
        LOCKED,
        /** Cannot be read at all (permissions, I/O error). */
        UNREADABLE
    }

    /** A condition and the message to show, naming the file. */
    public record Diagnosis(Condition condition, Path db, String message) {
        public boolean usable() {
            return condition == Condition.HEALTHY || condition == Condition.MISSING;
        }
    }

    private final Store.Options options;
    private final Clock clock;

    public StoreRecovery(Store.Options options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    public StoreRecovery() {
        this(Store.Options.defaults(), Clock.systemUTC());
    }

    /**
     * Looks at the store in {@code dataDir} without changing it: a missing folder or file is reported,
     * not created; a damaged file is left byte for byte as it was.
     */
    public Diagnosis diagnose(Path dataDir) {
        Path db = dataDir.toAbsolutePath().resolve(Store.FILE_NAME);
        if (!Files.isDirectory(dataDir) || !Files.exists(db)) {
            return new Diagnosis(Condition.MISSING, db, "there is no store at " + db + " yet; a fresh one will be created");
        }
        if (!Files.isReadable(db)) {
            return new Diagnosis(Condition.UNREADABLE, db, "the store " + db + " cannot be read (permissions)");
        }
        try (Store store = Store.open(dataDir, options)) {
            if (store.isReadOnly()) {
                Condition c = store.schemaVersion() > Schema.CURRENT ? Condition.NEWER_VERSION : Condition.READ_ONLY;
                return new Diagnosis(c, db, store.readOnlyReason());
            }
            String check = quickCheck(store);
            if (!"ok".equals(check)) {
                return new Diagnosis(Condition.DAMAGED, db, damagedMessage(db, "SQLite's quick_check found: " + check));
            }
            return new Diagnosis(Condition.HEALTHY, db, "the store " + db + " is healthy");
        } catch (StoreException e) {
            return switch (e.kind()) {
                case CORRUPT -> new Diagnosis(Condition.DAMAGED, db, damagedMessage(db, e.getMessage()));
                case LOCKED -> new Diagnosis(Condition.LOCKED, db, e.getMessage());
                case READ_ONLY -> new Diagnosis(Condition.READ_ONLY, db, e.getMessage());
                case NEWER_SCHEMA -> new Diagnosis(Condition.NEWER_VERSION, db, e.getMessage());
                default -> new Diagnosis(Condition.UNREADABLE, db, e.getMessage());
            };
        }
    }

    private static String quickCheck(Store store) {
        return store.reader().read("check the store", c -> {
            List<String> lines = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
            return String.join("; ", lines);
        });
    }

    private static String damagedMessage(Path db, String why) {
        return "the store " + db + " is damaged and was not changed (" + why + "). Restore a backup, or start a fresh"
                + " store: the damaged file is then kept beside it as " + Store.FILE_NAME + ".damaged-<time>";
    }

    /**
     * Moves the store (and its -wal/-shm) aside as {@code sessions.db.damaged-<timestamp>}, 0600, and
     * returns the new path of the main file. Moves, never copies or deletes: the bytes stay as they were.
     */
    public Path setAside(Path dataDir) throws IOException {
        Path db = dataDir.toAbsolutePath().resolve(Store.FILE_NAME);
        if (!Files.exists(db)) {
            throw new IOException("there is no store to set aside at " + db);
        }
        String base = Store.FILE_NAME + ".damaged-" + STAMP.format(clock.instant());
        Path aside = db.resolveSibling(base);
        for (int n = 2; Files.exists(aside); n++) {
            aside = db.resolveSibling(base + "-" + n);
        }
        try (StoreClaim claim = StoreClaim.exclusive(dataDir, "set the damaged store " + db + " aside")) {
            for (String suffix : COMPANIONS) {
                Path from = db.resolveSibling(Store.FILE_NAME + suffix);
                if (Files.exists(from)) {
                    Path to = aside.resolveSibling(aside.getFileName() + suffix);
                    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
                    PrivateFiles.restrict(to);
                }
            }
        }
        LOG.warn("set the damaged store {} aside as {}", db, aside);
        return aside;
    }

    /**
     * The way forward from a damaged store: sets it aside and opens a fresh, empty one. Refuses when
     * the store is not damaged, so a healthy, newer or merely locked store is never moved.
     */
    public Store startFresh(Path dataDir) throws IOException {
        Diagnosis d = diagnose(dataDir);
        if (d.condition() != Condition.DAMAGED) {
            throw new IllegalStateException("will not set aside the store " + d.db() + ": it is " + d.condition()
                    + " (" + d.message() + ")");
        }
        setAside(dataDir);
        return Store.open(dataDir, options);
    }
}
