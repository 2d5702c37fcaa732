package dev.sessiondesk.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SessionDesk store: one SQLite file {@code sessions.db} in the data folder, in WAL mode with
 * synchronous=FULL. Opening it creates the folder (0700) and file (0600), runs pending migrations in
 * one transaction, and refuses to write to a store written by a newer version (it is opened
 * read-only instead, and {@link #readOnlyReason()} says why).
 */
public final class Store implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Store.class);
    public static final String FILE_NAME = "sessions.db";

    /** Called before a migration touches an existing store (the backup hook of the upgrade safeguards). */
    @FunctionalInterface
    public interface MigrationHook {
        void beforeMigration(Path db, int fromVersion, int toVersion) throws IOException;
    }

    /**
     * How a store is opened. {@code scanThreads} makes the threads a whole-store verify hashes on beside
     * the calling one (the store cannot make threads of its own: they come from the caller's
     * {@code Workers}); null: a verify scans on the calling thread alone.
     */
    public record Options(int busyTimeoutMs, String appVersion, MigrationHook beforeMigration, ThreadFactory scanThreads) {
        public Options(int busyTimeoutMs, String appVersion, MigrationHook beforeMigration) {
            this(busyTimeoutMs, appVersion, beforeMigration, null);
        }

        public static Options defaults() {
            return new Options(5_000, AppVersion.current(), (db, from, to) -> { });
        }

        public Options withBusyTimeout(int ms) {
            return new Options(ms, appVersion, beforeMigration, scanThreads);
        }

        public Options withMigrationHook(MigrationHook hook) {
            return new Options(busyTimeoutMs, appVersion, hook, scanThreads);
        }

        public Options withScanThreads(ThreadFactory threads) {
            return new Options(busyTimeoutMs, appVersion, beforeMigration, threads);
        }
    }

    private final Path dataDir;
    private final Path dbFile;
    private final ThreadFactory scanThreads;
    private final int schemaVersion;
    private final String readOnlyReason;
    private final StoreWriter writer;
    private final StoreReader reader;
    private final SessionStore sessions;
    private final MessageLog messages;
    private final WindowBindingStore windows;
    private final DraftStore drafts;
    private final ChainVerifier verifier;
    private final AppInstanceStore instance;
    private final HiddenMessages hidden;
    private final SessionSettingsStore sessionSettings;
    private final ForkFamily forks;
    /** Set when a check found the store damaged while it was open: from then on it is read-only. */
    private volatile String refusal;
    private StoreClaim claim; // a writer's shared claim: no swap of the store while it is open
    private final String streamToken = StreamOwner.openToken(); // this open store, as the owner of its replies

    private Store(Path dataDir, Path dbFile, int schemaVersion, String readOnlyReason,
                  StoreWriter writer, StoreReader reader, ThreadFactory scanThreads) {
        this.dataDir = dataDir;
        this.dbFile = dbFile;
        this.scanThreads = scanThreads;
        this.schemaVersion = schemaVersion;
        this.readOnlyReason = readOnlyReason;
        this.writer = writer;
        this.reader = reader;
        this.sessions = new SessionStore(this);
        this.messages = new MessageLog(this);
        this.windows = new WindowBindingStore(this);
        this.drafts = new DraftStore(this);
        this.verifier = new ChainVerifier(this);
        this.instance = new AppInstanceStore(this);
        this.hidden = new HiddenMessages(this);
        this.sessionSettings = new SessionSettingsStore(this);
        this.forks = new ForkFamily(this);
    }

    public static Store open(Path dataDir) {
        return open(dataDir, Options.defaults());
    }

    public static Store open(Path dataDir, Options options) {
        Path dir;
        try {
            dir = PrivateFiles.ensureDirectory(dataDir);
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.IO,
                    "cannot create the data folder " + dataDir.toAbsolutePath() + ": " + describe(e), e);
        }
        Path db = dir.resolve(FILE_NAME);
        boolean writableDir = Files.isWritable(dir) && !PrivateFiles.ownerMadeReadOnly(dir);
        if (!Files.exists(db)) {
            if (!writableDir) {
                throw new StoreException(StoreException.Kind.READ_ONLY,
                        "cannot create the store " + db + ": the data folder is read-only");
            }
            try {
                PrivateFiles.ensureFile(db);
            } catch (IOException e) {
                throw new StoreException(StoreException.Kind.IO, "cannot create the store " + db + ": " + describe(e), e);
            }
        }
        int version = probe(db, options.busyTimeoutMs());
        if (version > Schema.CURRENT) {
            String reason = "this store was written by a newer SessionDesk (schema " + version + " > " + Schema.CURRENT
                    + "); it is open read-only and nothing was changed: " + db;
            LOG.warn(reason);
            return new Store(dir, db, version, reason, null, new StoreReader(db, options.busyTimeoutMs(), true),
                    options.scanThreads());
        }
        if (!writableDir || !Files.isWritable(db)) {
            String reason = !writableDir
                    ? "the data folder " + dir + " is read-only (its permissions); the store is open read-only and"
                    + " nothing can be saved until the folder is writable again"
                    : "the store " + db + " is read-only (file or folder permissions); nothing can be saved";
            LOG.warn(reason);
            return new Store(dir, db, version, reason, null, new StoreReader(db, options.busyTimeoutMs(), true),
                    options.scanThreads());
        }
        StoreWriter writer;
        StoreClaim claim;
        claim = StoreClaim.shared(dir, options.busyTimeoutMs());
        try {
            writer = new StoreWriter(Connections.writer(db, options.busyTimeoutMs()), db);
        } catch (SQLException e) {
            claim.close();
            throw StoreException.from(e, "open the store for writing", db.toString());
        }
        try {
            if (version < Schema.CURRENT) {
                if (version > 0) {
                    try {
                        options.beforeMigration().beforeMigration(db, version, Schema.CURRENT);
                    } catch (IOException e) {
                        throw new StoreException(StoreException.Kind.IO, "cannot upgrade the store " + db
                                + " from schema " + version + ": the safety backup failed (" + describe(e)
                                + "); nothing was changed", e);
                    }
                    LOG.info("migrating {} from schema {} to {}", db, version, Schema.CURRENT);
                }
                int from = version;
                writer.write("upgrade the store schema from " + from + " to " + Schema.CURRENT, c -> {
                    // Re-read inside the write lock: another process may have migrated meanwhile.
                    int now = Schema.version(c);
                    if (now < Schema.CURRENT) {
                        Schema.migrate(c, now, Schema.CURRENT, options.appVersion());
                    }
                    return null;
                });
                version = Schema.CURRENT;
            }
            for (String suffix : new String[] {"-wal", "-shm"}) {
                PrivateFiles.restrict(db.resolveSibling(FILE_NAME + suffix));
            }
        } catch (RuntimeException | IOException e) {
            writer.close();
            claim.close();
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new StoreException(StoreException.Kind.IO, "cannot secure the store files: " + describe((IOException) e), e);
        }
        Store store = new Store(dir, db, version, null, writer, new StoreReader(db, options.busyTimeoutMs(), false),
                options.scanThreads());
        store.claim = claim;
        return store;
    }

    /**
     * Opens any SessionDesk store file (a backup, or the live file for a consistent look) read-only:
     * no writer, no migrations, nothing on disk changes. Used to verify backups and to read the live
     * figures from outside the running app's writer.
     */
    public static Store openReadOnly(Path dbFile) {
        return openReadOnly(dbFile, null);
    }

    /** As {@link #openReadOnly(Path)}; a whole-store verify also hashes on threads from {@code scanThreads}. */
    public static Store openReadOnly(Path dbFile, ThreadFactory scanThreads) {
        Path db = dbFile.toAbsolutePath();
        if (!Files.isRegularFile(db)) {
            throw new StoreException(StoreException.Kind.NOT_FOUND, "no store file at " + db);
        }
        int busyTimeoutMs = Options.defaults().busyTimeoutMs();
        int version = probe(db, busyTimeoutMs);
        return new Store(db.getParent(), db, version, "opened read-only: " + db, null,
                new StoreReader(db, busyTimeoutMs, true), scanThreads);
    }

    /**
     * Writes a consistent copy of the store to {@code target} with {@code VACUUM INTO}, on a connection
     * of its own in autocommit mode (VACUUM refuses to run inside a transaction). It is a reader, not
     * the writer: in WAL mode it reads one snapshot while appends go on committing, so it never blocks
     * them. {@code target} must not exist yet.
     */
    public void vacuumInto(Path target) {
        try (Connection c = Connections.reader(dbFile, Options.defaults().busyTimeoutMs(), false);
             java.sql.PreparedStatement ps = c.prepareStatement("VACUUM INTO ?")) {
            ps.setString(1, target.toAbsolutePath().toString());
            ps.execute();
        } catch (SQLException e) {
            throw StoreException.from(e, "copy the store to " + target, dbFile.toString());
        }
    }

    /** Reads the schema version without writing anything; tells a foreign or damaged file apart. */
    private static int probe(Path db, int busyTimeoutMs) {
        try (Connection c = Connections.reader(db, busyTimeoutMs, true);
             Statement s = c.createStatement()) {
            int version = Schema.version(c);
            if (version == 0) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
                    if (rs.next() && rs.getInt(1) > 0) {
                        throw new StoreException(StoreException.Kind.CORRUPT, "the file " + db
                                + " is an SQLite database but not a SessionDesk store; it was not changed");
                    }
                }
            } else {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
                    rs.next();
                }
            }
            return version;
        } catch (SQLException e) {
            throw StoreException.from(e, "open the store", db.toString());
        }
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName().replace("Exception", "") + " " + e.getMessage();
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path dbFile() {
        return dbFile;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    public boolean isReadOnly() {
        return writer == null || refusal != null;
    }

    /** Why the store is read-only, or null when it is writable. */
    public String readOnlyReason() {
        return refusal != null ? refusal : readOnlyReason;
    }

    /**
     * Stops every later write (this writer's, whoever calls it) with {@code reason}: for a store a check
     * found damaged after it opened. Writes already committed stay; nothing after this is half-written.
     */
    public void refuseWrites(String reason) {
        if (refusal == null) {
            refusal = reason;
            LOG.error("the store {} no longer accepts writes: {}", dbFile, reason);
        }
        if (writer != null) {
            writer.stopWriting(new StoreException(StoreException.Kind.READ_ONLY, reason));
        }
    }

    public SessionStore sessions() {
        return sessions;
    }

    public MessageLog messages() {
        return messages;
    }

    public WindowBindingStore windows() {
        return windows;
    }

    public DraftStore drafts() {
        return drafts;
    }

    public ChainVerifier verifier() {
        return verifier;
    }

    /** Messages the user hid (never deleted, never rewritten). */
    public HiddenMessages hidden() {
        return hidden;
    }

    /** Each session's model and system prompt. */
    public SessionSettingsStore sessionSettings() {
        return sessionSettings;
    }

    /** The sessions related by forking (the branch switcher's alternatives). */
    public ForkFamily forks() {
        return forks;
    }

    /** The owner this open store writes streaming replies as. */
    StreamOwner streamOwner() {
        return StreamOwner.current(streamToken);
    }

    public AppInstanceStore instance() {
        return instance;
    }

    /** Where a whole-store verify takes its extra threads (null: it scans on the calling thread alone). */
    ThreadFactory scanThreads() {
        return scanThreads;
    }

    public StoreReader reader() {
        return reader;
    }

    /** The writer; throws a READ_ONLY/NEWER_SCHEMA StoreException with the reason when the store is read-only. */
    public StoreWriter writer() {
        if (refusal != null) {
            throw new StoreException(StoreException.Kind.READ_ONLY, refusal);
        }
        if (writer == null) {
            StoreException.Kind kind = schemaVersion > Schema.CURRENT
                    ? StoreException.Kind.NEWER_SCHEMA : StoreException.Kind.READ_ONLY;
            throw new StoreException(kind, readOnlyReason);
        }
        return writer;
    }

    /** Moves every committed page from the WAL into {@code sessions.db}, so a plain copy of it is complete. */
    public void checkpoint() {
        writer().direct("checkpoint the write-ahead log", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                if (rs.next() && rs.getInt(1) != 0) {
                    throw new StoreException(StoreException.Kind.LOCKED,
                            "cannot checkpoint " + dbFile + ": a reader is still using the log; try again");
                }
            }
            return null;
        });
    }

    /**
     * Drops the full-text index and builds it again from the finished messages, in one transaction: it
     * is derived data, so a restore whose only problem is FTS5's check of the index's content repairs it
     * this way (see {@link PageCheck}).
     */
    public void rebuildSearchIndex() {
        writer().write("rebuild the search index", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS messages_fts");
            }
            Schema.createSearchIndex(c);
            return null;
        });
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
        reader.close();
        StreamOwner.closeToken(streamToken);
        if (claim != null) {
            claim.close();
        }
    }
}
