package dev.sessiondesk.torture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Another program holding the store's write lock: the {@code sqlite3} shell in {@code BEGIN EXCLUSIVE}
 * when it is installed (as a user would do it), otherwise a second JVM ({@link LockHolder}) doing the same.
 */
final class ExclusiveLock implements AutoCloseable {
    private final Process process;
    private final OutputStream in;
    final String holder;

    private ExclusiveLock(Process process, String holder) throws IOException {
        this.process = process;
        this.in = process.getOutputStream();
        this.holder = holder;
        in.write("BEGIN EXCLUSIVE;\n.print locked\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"locked".equals(line)) {
            process.destroyForcibly();
            throw new IOException(holder + " did not take the lock: " + line);
        }
    }

    static ExclusiveLock take(Path db, Path logDir) throws IOException {
        if (sqliteShell() != null) {
            return new ExclusiveLock(new ProcessBuilder(sqliteShell(), db.toString()).redirectErrorStream(true).start(),
                    "the sqlite3 shell");
        }
        return new ExclusiveLock(ChildJvm.start(logDir, LockHolder.class.getName(), db.toString()), "a second JVM");
    }

    private static String sqliteShell() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, "sqlite3");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** Commits and lets go. */
    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            in.write("COMMIT;\n.quit\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            in.close();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while " + holder + " let go of the lock", e);
            }
        }
    }
}
