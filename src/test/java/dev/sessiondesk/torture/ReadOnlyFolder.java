package dev.sessiondesk.torture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes a folder read-only for this process. For an ordinary user a 0500 mode does it; root ignores
 * modes, so as root the folder is bind-mounted read-only onto itself (the real EROFS a read-only
 * volume gives). Where neither works the test is skipped with the reason, never passed silently.
 */
final class ReadOnlyFolder implements AutoCloseable {
    private final Path dir;
    private final boolean mounted;

    private ReadOnlyFolder(Path dir, boolean mounted) {
        this.dir = dir;
        this.mounted = mounted;
    }

    static ReadOnlyFolder of(Path dir) throws IOException, InterruptedException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        if (!writable(dir)) {
            return new ReadOnlyFolder(dir, false);
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        String p = dir.toAbsolutePath().toString();
        if (TortureFiles.run("mount", "--bind", p, p) == 0) {
            if (TortureFiles.run("mount", "-o", "remount,bind,ro", p) == 0 && !writable(dir)) {
                return new ReadOnlyFolder(dir, true);
            }
            TortureFiles.run("umount", p);
        }
        Assumptions.abort("cannot make " + dir + " read-only here: running as root without permission to mount");
        return null;
    }

    /** Whether a file can really be created in {@code dir} (not what the mode bits claim). */
    private static boolean writable(Path dir) {
        try {
            Path probe = Files.createTempFile(dir, ".probe", "");
            Files.delete(probe);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        if (mounted) {
            int rc;
            try {
                rc = TortureFiles.run("umount", dir.toAbsolutePath().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while unmounting " + dir, e);
            }
            if (rc != 0) {
                throw new IOException("could not unmount the read-only bind mount on " + dir);
            }
        } else {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
