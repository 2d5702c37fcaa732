package dev.sessiondesk.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Folders 0700 and files 0600 (promise P9): conversations are private to the user who wrote them.
 * On file systems without POSIX permissions the calls fall back to plain creation.
 */
public final class PrivateFiles {
    public static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates {@code dir} and any missing parents; the folders it creates (and {@code dir}) are 0700. */
    public static Path ensureDirectory(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        if (!Files.isDirectory(abs)) {
            Path parent = abs.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                ensureDirectory(parent);
            }
            try {
                if (posix(parent)) {
                    Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(DIR));
                } else {
                    Files.createDirectory(abs);
                }
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(abs)) {
                    throw e;
                }
            }
        }
        // Only when needed: an existing 0700 folder on a read-only volume must still open (read-only).
        // Only ever taken away: group and other lose their bits, but a folder the user made 0500 stays
        // 0500 (the store then opens read-only and says so) instead of being made writable behind them.
        if (posix(abs)) {
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(abs);
            Set<PosixFilePermission> tightened = EnumSet.noneOf(PosixFilePermission.class);
            tightened.addAll(now);
            tightened.retainAll(DIR);
            if (!tightened.equals(now)) {
                Files.setPosixFilePermissions(abs, tightened);
            }
        }
        return abs;
    }

    /**
     * Whether the owner took write permission away from {@code dir} (e.g. chmod 0500). Checked on the
     * mode bits, not by access: root may write anywhere, but a folder its owner made read-only stays so.
     */
    public static boolean ownerMadeReadOnly(Path dir) {
        try {
            return posix(dir) && !Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OWNER_WRITE);
        } catch (IOException e) {
            return false;
        }
    }

    /** Creates an empty 0600 file if none exists; tightens an existing one to 0600. */
    public static Path ensureFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                if (posix(file.getParent())) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
                } else {
                    Files.createFile(file);
                }
            } catch (FileAlreadyExistsException ignored) {
                // created meanwhile by another process: fine
            }
        }
        restrict(file);
        return file;
    }

    public static void restrict(Path file) throws IOException {
        if (Files.exists(file) && posix(file)) {
            Files.setPosixFilePermissions(file, Files.isDirectory(file) ? DIR : FILE);
        }
    }

    /**
     * Writes a file atomically: the bytes go to a 0600 temporary file beside it, are forced to disk,
     * and the temporary file is moved over the target. A crash leaves the old file or the new one.
     */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        ensureDirectory(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            restrict(tmp);
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean posix(Path p) {
        try {
            return p != null && Files.getFileStore(p).supportsFileAttributeView("posix");
        } catch (IOException e) {
            return false;
        }
    }
}
