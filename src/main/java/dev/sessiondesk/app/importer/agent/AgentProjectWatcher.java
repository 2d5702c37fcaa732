package dev.sessiondesk.app.importer.agent;

import dev.sessiondesk.app.importer.SafePaths;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the agent projects the user added while the app runs: at start it syncs each one (which
 * imports the sessions already there), then a {@link WatchService} over the project, {@code agents},
 * {@code agents/sessions} and every slug folder reports changes; after a short quiet period the
 * project is rescanned by {@link AgentProjectSync}. Rescanning the whole (small) project instead of
 * interpreting single events keeps it correct when events are lost (OVERFLOW) or folders appear
 * before their {@code state.json}. {@link #syncNow()} is the "Sync Now" action.
 *
 * <p>One daemon thread; listeners are called on it after every scan that changed something.
 */
public final class AgentProjectWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentProjectWatcher.class);
    /** Agents write state.json and friends in bursts; wait for a quiet moment before rescanning. */
    private static final long QUIET_MS = 150;
    private static final long SAFETY_RESCAN_MS = 30_000;

    private final WatchedProjects projects;
    private final AgentProjectSync sync;
    private final List<Consumer<AgentSyncReport>> listeners = new CopyOnWriteArrayList<>();
    private final Map<WatchKey, Path> keys = new ConcurrentHashMap<>();
    private final Set<Path> followed = ConcurrentHashMap.newKeySet();
    private WatchService watchService;
    private final ThreadFactory threads;
    private Thread thread;
    private volatile boolean running;

    /** @param threads makes the one thread that follows the projects */
    public AgentProjectWatcher(WatchedProjects projects, AgentProjectSync sync, ThreadFactory threads) {
        this.projects = projects;
        this.sync = sync;
        this.threads = threads;
    }

    /** Called after each scan that changed the store (on the watcher's thread). */
    public void addListener(Consumer<AgentSyncReport> listener) {
        listeners.add(listener);
    }

    /** Syncs every followed project once and starts following changes. Returns the first scans' reports. */
    public synchronized List<AgentSyncReport> start() throws IOException {
        if (running) {
            return List.of();
        }
        watchService = FileSystems.getDefault().newWatchService();
        running = true;
        List<AgentSyncReport> reports = new ArrayList<>();
        for (Path p : projects.list()) {
            reports.add(follow(p));
        }
        thread = threads.newThread(this::loop);
        thread.start();
        return reports;
    }

    /** Starts following one more project (after it was added to {@link WatchedProjects}); syncs it now. */
    public AgentSyncReport follow(Path project) {
        followed.add(project);
        register(project);
        AgentSyncReport report = rescan(project);
        notifyListeners(report);
        return report;
    }

    /**
     * Scans the project, then watches any folder that appeared; if there was one, scans again, because
     * a file written into a folder before it was watched produces no event of its own.
     */
    private AgentSyncReport rescan(Path project) {
        AgentSyncReport report = sync.sync(project, false);
        for (int round = 0; round < 5 && register(project) > 0; round++) {
            AgentSyncReport again = sync.sync(project, false);
            report = new AgentSyncReport(again.project(), report.added() + again.added(),
                    report.updated() + again.updated(), report.markedMissing() + again.markedMissing(),
                    again.unchanged(), again.problems());
        }
        return report;
    }

    public void unfollow(Path project) {
        followed.remove(project);
        keys.entrySet().removeIf(e -> {
            if (e.getValue().equals(project)) {
                e.getKey().cancel();
                return true;
            }
            return false;
        });
    }

    /** "Sync Now": rescans every followed project (and any added since start) and returns the reports. */
    public List<AgentSyncReport> syncNow() {
        Set<Path> all = new LinkedHashSet<>(projects.list());
        all.addAll(followed);
        List<AgentSyncReport> reports = new ArrayList<>();
        for (Path p : all) {
            if (running && !followed.contains(p)) {
                reports.add(follow(p));
                continue;
            }
            AgentSyncReport r = running ? rescan(p) : sync.sync(p, false);
            notifyListeners(r);
            reports.add(r);
        }
        return reports;
    }

    private void loop() {
        long lastFullScan = System.currentTimeMillis();
        while (running) {
            try {
                WatchKey key = watchService.poll(500, TimeUnit.MILLISECONDS);
                Set<Path> dirty = new LinkedHashSet<>();
                if (key == null) {
                    // A safety net for lost events (inotify limits, network folders): rescan now and then.
                    if (System.currentTimeMillis() - lastFullScan < SAFETY_RESCAN_MS) {
                        continue;
                    }
                    dirty.addAll(followed);
                } else {
                    collect(key, dirty);
                }
                lastFullScan = System.currentTimeMillis();
                // Gather the rest of the burst before scanning.
                for (WatchKey more = watchService.poll(QUIET_MS, TimeUnit.MILLISECONDS); more != null;
                     more = watchService.poll(QUIET_MS, TimeUnit.MILLISECONDS)) {
                    collect(more, dirty);
                }
                for (Path project : dirty) {
                    if (!followed.contains(project)) {
                        continue;
                    }
                    notifyListeners(rescan(project));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                // A failed scan (store locked, disk full) must not end following: the next event retries.
                LOG.warn("agent project scan failed: {}", e.getMessage());
            }
        }
    }

    private void collect(WatchKey key, Set<Path> dirty) {
        Path project = keys.get(key);
        key.pollEvents(); // the events themselves do not matter: the whole project is rescanned
        if (!key.reset()) {
            keys.remove(key);
        }
        if (project != null) {
            dirty.add(project);
        }
    }

    /**
     * Watches the project, agents, agents/sessions and every slug folder that is inside the project.
     * Returns how many of them were not watched before.
     */
    private int register(Path project) {
        if (!running) {
            return 0;
        }
        Path real;
        try {
            real = project.toRealPath();
        } catch (IOException e) {
            return 0; // gone; the scan reports it
        }
        Path agents = real.resolve("agents");
        Path sessions = agents.resolve("sessions");
        int added = watch(project, real, real) + watch(project, real, agents) + watch(project, real, sessions);
        if (Files.isDirectory(sessions)) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(sessions, Files::isDirectory)) {
                for (Path slug : dir) {
                    added += watch(project, real, slug);
                }
            } catch (IOException e) {
                LOG.debug("cannot list {}: {}", sessions, e.getMessage());
            }
        }
        return added;
    }

    private int watch(Path project, Path realProject, Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try {
            SafePaths.inside(realProject, dir);
            WatchKey key = dir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
            return keys.put(key, project) == null ? 1 : 0;
        } catch (SafePaths.RefusedPathException e) {
            LOG.warn("not watching {}: {}", dir, e.reason());
        } catch (IOException | ClosedWatchServiceException e) {
            LOG.warn("cannot watch {} (changes there are found by the periodic rescan): {}", dir, e.toString());
        }
        return 0;
    }

    private void notifyListeners(AgentSyncReport report) {
        if (!report.changedAnything()) {
            return;
        }
        for (Consumer<AgentSyncReport> l : listeners) {
            try {
                l.accept(report);
            } catch (RuntimeException e) {
                LOG.warn("an agent sync listener failed: {}", e.toString());
            }
        }
    }

    public boolean isRunning() {
        return running;
    }

    @Override
    public synchronized void close() {
        running = false;
        if (watchService != null) {
            try {
                watchService.close();
            } catch (IOException e) {
                LOG.debug("closing the watch service: {}", e.getMessage());
            }
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
