package dev.sessiondesk.app;

import dev.sessiondesk.app.assistant.AssistantSelection;
import dev.sessiondesk.app.assistant.AssistantSettings;
import dev.sessiondesk.app.assistant.ReplyService;
import dev.sessiondesk.app.search.SearchService;
import dev.sessiondesk.app.title.TitleService;
import dev.sessiondesk.app.backup.AllSessionsExporter;
import dev.sessiondesk.app.backup.BackupService;
import dev.sessiondesk.app.backup.RestoreService;
import dev.sessiondesk.app.importer.AgentProjectSync;
import dev.sessiondesk.app.importer.AgentProjectWatcher;
import dev.sessiondesk.app.importer.ImportService;
import dev.sessiondesk.app.importer.WatchedProjects;
import dev.sessiondesk.store.Store;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The composition root of the services the GUI and the CLI share: it opens the store and builds
 * every service over it, by hand, once. Nothing else creates services; nothing holds them statically.
 */
public final class SessionDesk implements AutoCloseable {
    private final Store store;
    private final ExecutorService background;
    private final SessionService sessions;
    private final SessionExporter exporter;
    private final AssistantSelection assistants;
    private final TitleService titles;
    private final ReplyService replies;
    private final SearchService search;
    private final BackupService backups;
    private final AllSessionsExporter exportAll;
    private final AgentProjectSync agentSessions;
    private final WatchedProjects watchedProjects;
    private final ImportService importer;
    private final AgentProjectWatcher agentWatcher;

    private SessionDesk(Store store, ExecutorService background, BackupService backups) {
        this.store = store;
        this.background = background;
        this.sessions = new SessionService(store);
        this.exporter = new SessionExporter(store);
        // Offline until the GUI or the CLI applies the user's settings (AssistantSettings.load).
        this.assistants = new AssistantSelection(AssistantSettings.offline());
        this.titles = new TitleService(store, assistants::current, background);
        this.replies = new ReplyService(store, assistants::current, titles);
        this.search = new SearchService(store, background);
        this.backups = backups;
        this.exportAll = new AllSessionsExporter(store, exporter);
        this.agentSessions = new AgentProjectSync(store);
        this.watchedProjects = new WatchedProjects(store);
        this.importer = new ImportService(store, agentSessions, background);
        // Built here, started by the GUI (the CLI never follows projects in the background).
        this.agentWatcher = new AgentProjectWatcher(watchedProjects, agentSessions);
    }

    public static SessionDesk open(Path dataDir) {
        return open(dataDir, Store.Options.defaults());
    }

    public static SessionDesk open(Path dataDir, Store.Options options) {
        // A restore killed before its swap leaves a temporary file; the store itself is whole either way.
        RestoreService.recoverInterrupted(dataDir);
        BackupService backups = new BackupService(dataDir);
        Store.MigrationHook callers = options.beforeMigration();
        Store.MigrationHook backupFirst = backups.beforeMigration();
        // Migrations run only after a verified backup of the old version (P7).
        Store store = Store.open(dataDir, options.withMigrationHook((db, from, to) -> {
            backupFirst.beforeMigration(db, from, to);
            callers.beforeMigration(db, from, to);
        }));
        return new SessionDesk(store, newBackgroundExecutor(), backups);
    }

    private static ExecutorService newBackgroundExecutor() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "background-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public Store store() {
        return store;
    }

    public ExecutorService background() {
        return background;
    }

    public SessionService sessions() {
        return sessions;
    }

    public SessionExporter exporter() {
        return exporter;
    }

    /** Which assistant answers; apply the user's settings here. */
    public AssistantSelection assistants() {
        return assistants;
    }

    public TitleService titles() {
        return titles;
    }

    /** Sends messages and saves streaming replies; the GUI calls {@code replies().recoverAbandonedReplies()} at start. */
    public ReplyService replies() {
        return replies;
    }

    public SearchService search() {
        return search;
    }

    /** Verified backups; {@code backups().backupIfDue(progress)} is the automatic backup at start. */
    public BackupService backups() {
        return backups;
    }

    public AllSessionsExporter exportAll() {
        return exportAll;
    }

    public ImportService importer() {
        return importer;
    }

    /** The agent filesystem sessions: sync one project, and the on-disk facts of an agent session. */
    public AgentProjectSync agentSessions() {
        return agentSessions;
    }

    public WatchedProjects watchedProjects() {
        return watchedProjects;
    }

    /** Follows the watched agent projects while the app runs; {@code start()} it from the GUI. */
    public AgentProjectWatcher agentWatcher() {
        return agentWatcher;
    }

    @Override
    public void close() {
        replies.close(); // running replies end as interrupted and are saved before the store closes
        agentWatcher.close();
        background.shutdown();
        try {
            background.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
