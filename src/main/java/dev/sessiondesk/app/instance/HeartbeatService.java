package dev.sessiondesk.app.instance;

import dev.sessiondesk.store.AppInstanceStore;
import dev.sessiondesk.store.AppVersion;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the {@code app_instance} row (pid, host, version, heartbeat time) on a schedule, so other
 * readers of the store can tell the sessions of a live app from flags left by a crashed one.
 */
public final class HeartbeatService {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatService.class);
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(5);

    private final AppInstanceStore instance;
    private final ScheduledExecutorService scheduler;
    private final long pid = ProcessHandle.current().pid();
    private final long startedAt = System.currentTimeMillis();
    private ScheduledFuture<?> beating;
    private volatile String host;

    public HeartbeatService(AppInstanceStore instance, ScheduledExecutorService scheduler) {
        this.instance = instance;
        this.scheduler = scheduler;
    }

    public synchronized void start(Duration period) {
        if (beating == null) {
            beating = scheduler.scheduleAtFixedRate(this::beatQuietly, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public void beat() {
        if (host == null) {
            host = hostName(); // may ask DNS: once, on the scheduler thread
        }
        instance.beat(pid, host, AppVersion.current(), startedAt);
    }

    private void beatQuietly() {
        try {
            beat();
        } catch (RuntimeException e) {
            LOG.warn("cannot write the app heartbeat: {}", e.getMessage());
        }
    }

    /** Stops beating and removes the row: a clean exit leaves no flag behind. */
    public synchronized void stop() {
        if (beating != null) {
            beating.cancel(false);
            beating = null;
        }
        try {
            instance.clear(pid);
        } catch (RuntimeException e) {
            LOG.warn("cannot clear the app heartbeat: {}", e.getMessage());
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
