package dev.sessiondesk.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.locks.LockSupport;

/**
 * The "other process" of the cross-process figure, run in its own JVM: it opens the store file with its
 * own read-only connection (as the sqlite3 shell or a phone app's server would), polls it every
 * millisecond for the session's highest seq and prints {@code seen <seq>} the moment it changes. It also
 * answers {@code ping <n>} on stdin with {@code pong <n>}, so the parent can measure the pipe's own
 * round trip as the baseline. Exits when stdin closes.
 *
 * <p>Arguments: the store file and the session id.
 */
public final class VisibilityProbe {
    static final long POLL_NANOS = 1_000_000;

    private VisibilityProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        String sessionId = args[1];
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        Thread pings = new Thread(() -> answerPings(out), "probe-pings");
        pings.setDaemon(true);
        pings.start();
        try (Connection c = RawSqlite.reader(db, true);
             PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM messages WHERE session_id = ?")) {
            ps.setString(1, sessionId);
            int seen = maxSeq(ps);
            synchronized (out) {
                out.println("ready " + seen);
            }
            while (pings.isAlive()) {
                int now = maxSeq(ps);
                if (now != seen) {
                    seen = now;
                    synchronized (out) {
                        out.println("seen " + now);
                    }
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
        }
    }

    private static int maxSeq(PreparedStatement ps) throws Exception {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void answerPings(PrintStream out) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("ping ")) {
                    synchronized (out) {
                        out.println("pong " + line.substring(5));
                    }
                }
            }
        } catch (java.io.IOException e) {
            // stdin closed by the parent: the probe ends
        }
    }
}
