package dev.sessiondesk.app.instance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.tasks.Workers;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleInstanceTest {
    private static final ThreadFactory LISTENER = Workers.logging().threads("instance-listener", true);
    @TempDir
    Path dir;

    @Test
    void secondLaunchHandsItsArgumentsToTheOwner() throws Exception {
        LinkedBlockingQueue<List<String>> received = new LinkedBlockingQueue<>();
        SingleInstance.Outcome first = SingleInstance.acquireOrForward(dir, List.of(), received::add, 2_000, LISTENER);
        assertThat(first.owner()).isNotNull();
        try (SingleInstance owner = first.owner()) {
            SingleInstance.Outcome second = SingleInstance.acquireOrForward(dir, List.of("--open", "abc"),
                    args -> { throw new AssertionError("the second launch must not own the folder"); }, 2_000, LISTENER);
            assertThat(second.forwarded()).isTrue();
            assertThat(second.owner()).isNull();
            assertThat(received.poll(5, TimeUnit.SECONDS)).containsExactly("--open", "abc");
        }
        // The owner went away cleanly: the next launch owns the folder.
        SingleInstance.Outcome third = SingleInstance.acquireOrForward(dir, List.of(), a -> { }, 2_000, LISTENER);
        assertThat(third.owner()).isNotNull();
        third.owner().close();
    }

    @Test
    void aSocketLeftByACrashedAppIsTakenOver() throws Exception {
        Path socket = SingleInstance.socketPath(dir);
        Files.createDirectories(dir);
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket)); // closing leaves the file, as a crash does
        }
        Files.writeString(dir.resolve(SingleInstance.LOCK_FILE), "99999\n");
        assertThat(socket).exists();
        assertThat(SingleInstance.forward(dir, List.of())).isFalse();
        SingleInstance.Outcome outcome = SingleInstance.acquireOrForward(dir, List.of(), a -> { }, 2_000, LISTENER);
        assertThat(outcome.owner()).isNotNull();
        outcome.owner().close();
    }

    @Test
    void theLockOfAKilledProcessIsTakenOver() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldInstanceMain.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream())).readLine();
            assertThat(line).isEqualTo("OWNER");
            assertThat(SingleInstance.tryAcquire(dir, a -> { }, LISTENER)).as("held by the live child").isNull();
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            SingleInstance.Outcome outcome = SingleInstance.acquireOrForward(dir, List.of(), a -> { }, 2_000, LISTENER);
            assertThat(outcome.owner()).isNotNull();
            outcome.owner().close();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void longDataFolderPathsUseASocketInTheTempFolder() {
        Path deep = dir.resolve("a".repeat(120));
        assertThat(SingleInstance.socketPath(deep).toString().length()).isLessThan(108);
        assertThat(SingleInstance.socketPath(dir)).isEqualTo(dir.toAbsolutePath().resolve("app.sock"));
    }

    /** A child process that owns a data folder until it is killed. */
    public static final class HoldInstanceMain {
        public static void main(String[] args) throws IOException, InterruptedException {
            SingleInstance.Outcome o = SingleInstance.acquireOrForward(Path.of(args[0]), List.of(), a -> { }, 2_000, LISTENER);
            System.out.println(o.owner() != null ? "OWNER" : "FORWARDED");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
