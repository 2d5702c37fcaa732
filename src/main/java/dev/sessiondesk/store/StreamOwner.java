package dev.sessiondesk.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who writes a streaming reply (promise P11): the process (pid, host, start time, so a reused pid is
 * not mistaken for the owner) and the open store it writes through (a token: one JVM may open and
 * close stores, and a reply left by a store this JVM closed without finishing it is abandoned).
 */
public record StreamOwner(long pid, String host, long processStart, String storeToken) {
    /** A reader shows a reply whose owner wrote nothing for this long as interrupted, live owner or not. */
    public static final long SILENT_MS = 10_000;
    /** A writer ends a reply whose owner wrote nothing for this long (a hung or unreachable owner). */
    public static final long ABANDONED_MS = 60_000;

    private static final long PID = ProcessHandle.current().pid();
    private static final long START = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    private static final String HOST = hostName();
    /** Tokens of the stores open in this JVM; process-wide by nature, like the process id. */
    private static final Set<String> OPEN_TOKENS = ConcurrentHashMap.newKeySet();

    static String openToken() {
        String token = UUID.randomUUID().toString();
        OPEN_TOKENS.add(token);
        return token;
    }

    static void closeToken(String token) {
        OPEN_TOKENS.remove(token);
    }

    static StreamOwner current(String storeToken) {
        return new StreamOwner(PID, HOST, START, storeToken);
    }

    boolean isThisProcess() {
        return pid == PID && host.equals(HOST) && Math.abs(processStart - START) < 1_000;
    }

    /**
     * Whether the owner is gone: on this host, its process ended (or the pid now belongs to a process
     * started at another time), or it is this process and its store is closed. Another host's process
     * cannot be looked at; only its silence tells.
     */
    boolean isGone() {
        if (!host.equals(HOST)) {
            return false;
        }
        if (isThisProcess()) {
            return !OPEN_TOKENS.contains(storeToken);
        }
        return ProcessHandle.of(pid)
                .map(p -> p.isAlive() && p.info().startInstant()
                        .map(i -> Math.abs(i.toEpochMilli() - processStart) < 1_000).orElse(true))
                .map(alive -> !alive)
                .orElse(true);
    }

    private static String hostName() {
        try { // the same answer in every process of this machine, and no DNS lookup on the writer's path
            String name = Files.readString(Path.of("/etc/hostname")).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        String env = System.getenv("COMPUTERNAME");
        return env != null && !env.isBlank() ? env.trim() : "localhost";
    }
}
