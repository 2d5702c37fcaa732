package dev.sessiondesk.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Who may write to a data folder's store, across processes: every writer holds a shared claim for
 * its whole run, and whatever swaps the store file (a restore, setting a damaged store aside) takes
 * it exclusively first. So a swap never happens under a writer that would go on acknowledging
 * messages into the file that was just replaced (they would be in neither store).
 *
 * <p>The claim is an OS file lock on {@code .sessions.db.claim} beside the store, never on the store
 * itself: closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's
 * included. The same process may hold several claims (one JVM runs a restore that opens the store it
 * restores, tests open a store twice); the JVM allows one lock per file, so claims are counted here.
 * That table is process state by nature, which is why it is static.
 */
public final class StoreClaim implements AutoCloseable {
    public static final String FILE_NAME = "." + Store.FILE_NAME + ".claim";
    private static final long POLL_MS = 50;
    private static final Map<Path, Held> HELD = new HashMap<>();

    private static final class Held {
        final FileChannel channel;
        final FileLock lock;
        final boolean exclusive;
        int count;

        Held(FileChannel channel, FileLock lock, boolean exclusive) {
            this.channel = channel;
            this.lock = lock;
            this.exclusive = exclusive;
        }
    }

    private final Path key;
    private boolean closed;

    private StoreClaim(Path key) {
        this.key = key;
    }

    /**
     * A writer's claim. Waits up to {@code waitMs} while another process swaps the store, then fails
     * with a LOCKED error that says so.
     */
    public static StoreClaim shared(Path dataDir, long waitMs) {
        Path key = keyOf(dataDir);
        long deadline = System.nanoTime() + waitMs * 1_000_000;
        while (true) {
            synchronized (HELD) {
                Held held = HELD.get(key);
                if (held != null) { // this process already claims it, shared or for its own swap
                    held.count++;
                    return new StoreClaim(key);
                }
                Held fresh = tryLock(key, false);
                if (fresh != null) {
                    HELD.put(key, fresh);
                    return new StoreClaim(key);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new StoreException(StoreException.Kind.LOCKED, "cannot open the store in " + dataDir
                        + " for writing: another SessionDesk process is restoring or replacing it; try again when it"
                        + " is done");
            }
            sleep();
        }
    }

    /**
     * The claim a swap needs: refused at once while any other process (or another part of this one)
     * has the store open for writing, naming what to do instead.
     */
    public static StoreClaim exclusive(Path dataDir, String doing) {
        Path key = keyOf(dataDir);
        synchronized (HELD) {
            Held held = HELD.get(key);
            if (held != null) {
                throw new StoreException(StoreException.Kind.CONFLICT, "will not " + doing + ": this program still"
                        + " has the store in " + dataDir + " open for writing; the store was not changed");
            }
            Held fresh = tryLock(key, true);
            if (fresh == null) {
                throw new StoreException(StoreException.Kind.CONFLICT, "will not " + doing + ": another SessionDesk"
                        + " process is writing to the store in " + dataDir + " (a running app, or a command such as"
                        + " add, ask or import); let it finish or quit it, then try again. The store was not changed");
            }
            HELD.put(key, fresh);
            return new StoreClaim(key);
        }
    }

    private static Held tryLock(Path key, boolean exclusive) {
        Path file = key.resolve(FILE_NAME);
        FileChannel ch = null;
        try {
            PrivateFiles.ensureFile(file);
            ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock(0, Long.MAX_VALUE, !exclusive);
            if (lock == null) {
                ch.close();
                return null;
            }
            Held held = new Held(ch, lock, exclusive);
            held.count = 1;
            return held;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new StoreException(StoreException.Kind.IO, "cannot claim the store in " + key + " (" + file + "): "
                    + e.getMessage(), e);
        }
    }

    private static Path keyOf(Path dataDir) {
        Path abs = dataDir.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            return abs;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Kind.IO, "interrupted while waiting for the store claim");
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing was locked through it
            }
        }
    }

    @Override
    public void close() {
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            Held held = HELD.get(key);
            if (held != null && --held.count == 0) {
                HELD.remove(key);
                try {
                    held.lock.release();
                } catch (IOException ignored) {
                    // closing the channel below releases it too
                }
                closeQuietly(held.channel);
            }
        }
    }
}
