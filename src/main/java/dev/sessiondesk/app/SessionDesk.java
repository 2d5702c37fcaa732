package dev.sessiondesk.app;

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
    private final AgentProjectSync agentSessions;
    private final WatchedProjects watchedProjects;
    private final ImportService importer;
    private final AgentProjectWatcher agentWatcher;

    private SessionDesk(Store store, ExecutorService background) {
        this.store = store;
        this.background = background;
        this.sessions = new SessionService(store, background);
        this.exporter = new SessionExporter(store);
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
        Store store = Store.open(dataDir, options);
        return new SessionDesk(store, newBackgroundExecutor());
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
