package dev.sessiondesk.app;

import dev.sessiondesk.app.assistant.AssistantSelection;
import dev.sessiondesk.app.assistant.AssistantSettings;
import dev.sessiondesk.app.assistant.ReplyService;
import dev.sessiondesk.app.assistant.SessionAssistants;
import dev.sessiondesk.app.backup.BackupService;
import dev.sessiondesk.app.backup.RestoreService;
import dev.sessiondesk.app.importer.ImportService;
import dev.sessiondesk.app.importer.agent.AgentProjectSync;
import dev.sessiondesk.app.importer.formats.FormatReaders;
import dev.sessiondesk.app.importer.agent.AgentProjectWatcher;
import dev.sessiondesk.app.importer.agent.WatchedProjects;
import dev.sessiondesk.app.search.SearchService;
import dev.sessiondesk.app.tasks.Workers;
import dev.sessiondesk.app.title.TitleService;
import dev.sessiondesk.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * The composition root of the services the GUI and the CLI share: it opens the store and builds
 * every service over it, by hand, once. Nothing else creates services; nothing holds them statically.
 * Its threads come from the {@link Workers} it is given (the GUI's) or makes for itself (the CLI).
 */
public final class SessionDesk implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final Store store;
    private final Workers workers;
    private final boolean ownsWorkers;
    private final ExecutorService background;
    private final SessionService sessions;
    private final SessionExporter exporter;
    private final AssistantSelection assistants;
    private final SessionAssistants sessionAssistants;
    private final TitleService titles;
    private final ReplyService replies;
    private final SearchService search;
    private final BackupService backups;
    private final AllSessionsExporter exportAll;
    private final AgentProjectSync agentSessions;
    private final WatchedProjects watchedProjects;
    private final ImportService importer;
    private final AgentProjectWatcher agentWatcher;

    private SessionDesk(Store store, Workers workers, boolean ownsWorkers, BackupService backups) {
        this.store = store;
        this.workers = workers;
        this.ownsWorkers = ownsWorkers;
        this.background = workers.pool("background", 4);
        this.sessions = new SessionService(store);
        this.exporter = new SessionExporter(store);
        // Offline until the GUI or the CLI applies the user's settings (AssistantSettings.load).
        this.assistants = new AssistantSelection(AssistantSettings.offline());
        this.titles = new TitleService(store, assistants::current, background);
        this.sessionAssistants = new SessionAssistants(assistants, store.sessionSettings());
        this.replies = new ReplyService(store, sessionAssistants::forSession, titles, ReplyService.CHECKPOINT_INTERVAL, workers);
        this.search = new SearchService(store);
        this.backups = backups;
        this.exportAll = new AllSessionsExporter(store, exporter);
        this.agentSessions = new AgentProjectSync(store);
        this.watchedProjects = new WatchedProjects(store);
        this.importer = new ImportService(store, new FormatReaders(agentSessions));
        // Built here, started by the GUI (the CLI never follows projects in the background).
        this.agentWatcher = new AgentProjectWatcher(watchedProjects, agentSessions,
                workers.threads("agent-project-watcher", true));
    }

    public static SessionDesk open(Path dataDir) {
        return open(dataDir, Store.Options.defaults());
    }

    /** Opens with threads of its own, shut down by {@link #close()} (the CLI, tests). */
    public static SessionDesk open(Path dataDir, Store.Options options) {
        Workers own = Workers.logging();
        try {
            return open(dataDir, options, own, true);
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /** Opens with threads from {@code workers} (the GUI's); {@link #close()} shuts down what it took. */
    public static SessionDesk open(Path dataDir, Store.Options options, Workers workers) {
        return open(dataDir, options, workers, false);
    }

    private static SessionDesk open(Path dataDir, Store.Options options, Workers workers, boolean ownsWorkers) {
        // A restore killed before its swap leaves a temporary file; the store itself is whole either way.
        RestoreService.recoverInterrupted(dataDir);
        BackupService backups = new BackupService(dataDir, workers.threads("backup-verify", true));
        Store.MigrationHook callers = options.beforeMigration();
        Store.MigrationHook backupFirst = backups.beforeMigration();
        // Migrations run only after a verified backup of the old version (P7). A whole-store verify hashes
        // on threads from the desk's Workers (the store makes none of its own).
        Store.Options withThreads = options.scanThreads() != null ? options
                : options.withScanThreads(workers.threads("verify-scan", true));
        Store store = Store.open(dataDir, withThreads.withMigrationHook((db, from, to) -> {
            backupFirst.beforeMigration(db, from, to);
            callers.beforeMigration(db, from, to);
        }));
        return new SessionDesk(store, workers, ownsWorkers, backups);
    }

    public Store store() {
        return store;
    }

    public ExecutorService background() {
        return background;
    }

    /** Where this desk's threads come from; a command that needs one more thread takes it here. */
    public Workers workers() {
        return workers;
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

    /** Each session's model and system prompt, and the assistant its replies go to. */
    public SessionAssistants sessionAssistants() {
        return sessionAssistants;
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
        Workers.shutDown(background, PATIENCE);
        store.close();
        if (ownsWorkers) {
            workers.close();
        }
    }
}
