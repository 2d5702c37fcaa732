package dev.sessiondesk.app.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 items 5 and 6: a long data folder path puts the socket in a private 0700 folder (never
 * the shared temp folder), a foreign or open folder is refused, a silent peer does not block the
 * next hand-over, garbage is ignored and a flood of hand-overs is rate-limited.
 */
class SingleInstanceHardeningTest {
    @TempDir
    Path tmp;

    @AfterEach
    void clear() {
        System.clearProperty("sessiondesk.runtimeDir");
    }

    @Test
    void aLongDataPathUsesAPrivateFolderNotTheSharedTempFolder() throws Exception {
        Path runtime = Files.createDirectory(tmp.resolve("run"));
        System.setProperty("sessiondesk.runtimeDir", runtime.toString());
        Path deep = tmp.resolve("a".repeat(120));
        Path socket = SingleInstance.socketPath(deep);
        assertThat(socket.getParent()).isEqualTo(runtime.resolve("sessiondesk"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                .isEqualTo("rwx------");
        assertThat(socket.startsWith(Path.of(System.getProperty("java.io.tmpdir")).resolve(socket.getFileName())))
                .isFalse();
        try (SingleInstance owner = SingleInstance.tryAcquire(deep, a -> { })) {
            assertThat(owner.socket()).isEqualTo(socket);
        }
    }

    @Test
    void aSocketFolderOthersCanEnterIsRefused() throws Exception {
        Path runtime = Files.createDirectory(tmp.resolve("run"));
        Path shared = Files.createDirectory(runtime.resolve("sessiondesk"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        System.setProperty("sessiondesk.runtimeDir", runtime.toString());
        Path deep = tmp.resolve("b".repeat(120));
        assertThatThrownBy(() -> SingleInstance.tryAcquire(deep, a -> { })).hasMessageContaining("refusing")
                .hasMessageContaining("rwxrwxrwx");
        assertThat(SingleInstance.forward(deep, List.of("--open", "secret-session"))).isFalse();
        assertThat(Files.list(shared).count()).isZero();
    }

    @Test
    void aSilentPeerDoesNotBlockTheNextHandOverAndGarbageIsIgnored() throws Exception {
        Path data = tmp.resolve("data");
        List<List<String>> received = new CopyOnWriteArrayList<>();
        try (SingleInstance owner = SingleInstance.tryAcquire(data, received::add);
             SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(owner.socket()))) {
            try (SocketChannel garbage = SocketChannel.open(UnixDomainSocketAddress.of(owner.socket()))) {
                garbage.write(ByteBuffer.wrap("hello there\n".getBytes(StandardCharsets.UTF_8)));
            }
            assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThat(SingleInstance.forward(data, List.of("--open", "s1"))).isTrue());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(received).containsExactly(List.of("--open", "s1"));
            assertThat(silent.isOpen()).isTrue();
        }
    }

    @Test
    void thirtyHandOversInABurstOpenAtMostAFew() throws Exception {
        Path data = tmp.resolve("data");
        List<List<String>> received = new CopyOnWriteArrayList<>();
        try (SingleInstance owner = SingleInstance.tryAcquire(data, received::add)) {
            for (int i = 0; i < 30; i++) {
                SingleInstance.forward(data, List.of());
            }
            Thread.sleep(500);
            assertThat(received.size()).isBetween(1, 5);
        }
        assertThat(Files.exists(data.resolve(SingleInstance.SOCKET_FILE), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }
}
