package dev.sessiondesk.app.instance;

import dev.sessiondesk.store.PrivateFiles;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running app per data folder. The owner holds an OS file lock on {@code app.lock} in the data
 * folder (the OS drops it when the process dies, so a crashed app's lock is never "stale" for long)
 * and listens on a Unix-domain socket {@code app.sock}. A second launch cannot take the lock,
 * connects to the socket instead, hands over its arguments and exits. A socket file left by a
 * crashed owner is deleted by the next owner before it binds.
 */
public final class SingleInstance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SingleInstance.class);
    static final String LOCK_FILE = "app.lock";
    static final String SOCKET_FILE = "app.sock";
    /** sun_path is 108 bytes on Linux, 104 on macOS; longer data folder paths use a private runtime folder. */
    private static final int MAX_SOCKET_PATH = 100;
    private static final byte ACK = 1;

    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ServerSocketChannel server;
    private final Path socket;
    private final Thread listener;
    private final java.util.concurrent.ThreadPoolExecutor handlers;
    private final HandOverConnection.RateLimit rate = new HandOverConnection.RateLimit(5, 10_000);

    /** What {@link #acquireOrForward} did. Exactly one of {@code owner} / {@code forwarded} is set. */
    public record Outcome(SingleInstance owner, boolean forwarded) {
    }

    private SingleInstance(FileChannel lockChannel, FileLock lock, ServerSocketChannel server, Path socket,
                           Consumer<List<String>> onArguments, ThreadFactory threads) {
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.server = server;
        this.socket = socket;
        this.listener = threads.newThread(() -> listen(onArguments));
        // Hand-overs are served off the accept thread, on at most 4 threads from the same factory.
        this.handlers = new java.util.concurrent.ThreadPoolExecutor(1, 4, 10, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(8), threads);
        this.listener.start();
    }

    /**
     * Becomes the data folder's app, or hands {@code args} to the one already running. Retries for
     * {@code patienceMs} while an owner exists but is not listening yet (it is starting up).
     *
     * @param threads makes the daemon thread that accepts the hand-overs of later launches
     */
    public static Outcome acquireOrForward(Path dataDir, List<String> args, Consumer<List<String>> onArguments,
                                           long patienceMs, ThreadFactory threads) throws IOException {
        long deadline = System.currentTimeMillis() + patienceMs;
        while (true) {
            SingleInstance owner = tryAcquire(dataDir, onArguments, threads);
            if (owner != null) {
                return new Outcome(owner, false);
            }
            if (forward(dataDir, args)) {
                return new Outcome(null, true);
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("another SessionDesk holds " + dataDir.resolve(LOCK_FILE)
                        + " but does not answer on " + socketPath(dataDir) + "; is it still starting or hung?");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the running SessionDesk", e);
            }
        }
    }

    /** Takes the lock and starts listening, or returns null when another live process holds it. */
    public static SingleInstance tryAcquire(Path dataDir, Consumer<List<String>> onArguments, ThreadFactory threads)
            throws IOException {
        PrivateFiles.ensureDirectory(dataDir);
        Path lockFile = dataDir.resolve(LOCK_FILE);
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another instance inside this JVM
        }
        if (lock == null) {
            channel.close();
            return null;
        }
        try {
            PrivateFiles.restrict(lockFile);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            Path socket = socketPath(dataDir);
            PrivateSocketFolder.requireOwnedByUser(socket);
            if (Files.deleteIfExists(socket)) {
                LOG.info("took over {} left by an app that is no longer running", socket);
            }
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            PrivateFiles.restrict(socket);
            LOG.info("this app owns {} (listening on {})", dataDir, socket);
            return new SingleInstance(channel, lock, server, socket, onArguments, threads);
        } catch (IOException | RuntimeException e) {
            lock.release();
            channel.close();
            throw e;
        }
    }

    /** Sends {@code args} to the running app; false when none is listening. */
    public static boolean forward(Path dataDir, List<String> args) {
        Path socket;
        try {
            socket = socketPath(dataDir);
            if (!Files.exists(socket)) {
                return false;
            }
            PrivateSocketFolder.requireOwnedByUser(socket); // never hand a session id to another user's socket
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.warn("will not hand over to {}: {}", dataDir, e.getMessage());
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
             HandOverConnection.Deadline d = HandOverConnection.Deadline.closeAfter(channel, 5_000)) {
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
            out.writeInt(args.size());
            for (String a : args) {
                out.writeUTF(a);
            }
            out.flush();
            InputStream in = Channels.newInputStream(channel);
            boolean acked = in.read() == ACK;
            LOG.info("handed {} to the running app: {}", args, acked ? "accepted" : "no answer");
            return acked;
        } catch (IOException e) {
            LOG.debug("no running app answers on {}: {}", socket, e.getMessage());
            return false;
        }
    }

    static Path socketPath(Path dataDir) {
        Path inFolder = dataDir.toAbsolutePath().resolve(SOCKET_FILE);
        if (inFolder.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH) {
            return inFolder;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(dataDir.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
            return PrivateSocketFolder.path().resolve(HexFormat.of().formatHex(digest, 0, 8) + ".sock");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private void listen(Consumer<List<String>> onArguments) {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("accepting a hand-over failed: {}", e.toString());
                }
                continue;
            }
            // Read on a worker with a deadline: a peer that connects and sends nothing must not
            // block the next launch (or pre-upgrade) behind it.
            try {
                handlers.execute(() -> HandOverConnection.serve(client, onArguments, rate));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.warn("too many hand-overs at once; one was dropped");
                HandOverConnection.closeQuietly(client);
            }
        }
    }

    public Path socket() {
        return socket;
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("closing {}: {}", socket, e.getMessage());
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.warn("releasing the app lock: {}", e.getMessage());
        }
        handlers.shutdownNow();
        try {
            listener.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
