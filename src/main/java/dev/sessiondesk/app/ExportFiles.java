package dev.sessiondesk.app;

import dev.sessiondesk.app.text.Explained;
import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.app.text.Wording;
import dev.sessiondesk.store.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files written where the user asked (exports): new files are 0600; folders that already exist keep
 * their permissions (a shared project folder stays shared; {@code /dev} stays {@code /dev}), only
 * folders created here are 0700; an existing file is replaced only when the user said so; what is
 * not a regular file (a device, a fifo, a folder, a link) is refused.
 */
public final class ExportFiles {
    private ExportFiles() {
    }

    /** A target refused before anything was written; {@link #getReason()} is the CLI's English. */
    public static final class Refused extends FileSystemException implements Explained {
        private final transient UserText reason;

        Refused(Path file, UserText reason) {
            super(file.toString(), null, Wording.english().say(reason));
            this.reason = reason;
        }

        @Override
        public UserText userText() {
            return UserText.of("export", "refused", getFile(), reason);
        }
    }

    /** Refuses a target that exists and is not a regular file, or exists at all unless {@code replace}. */
    public static void checkTarget(Path target, boolean replace) throws IOException {
        Path abs = target.toAbsolutePath();
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(abs)) {
            if (!Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) {
                throw new Refused(abs, UserText.of("export", "notRegular"));
            }
            if (!replace) {
                throw new Refused(abs, UserText.of("export", "exists"));
            }
        }
    }

    /** Writes {@code bytes} to {@code target} (0600), whole or not at all. */
    public static void write(Path target, byte[] bytes, boolean replace) throws IOException {
        Path abs = target.toAbsolutePath();
        checkTarget(abs, replace);
        Path dir = createMissingFolders(abs.getParent());
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(PrivateFiles.FILE));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            checkTarget(abs, replace); // again: it may have appeared meanwhile
            if (replace) {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // A link fails if the name is taken, where a rename would silently replace it.
                Files.createLink(abs, tmp);
            }
        } catch (FileAlreadyExistsException e) {
            throw new Refused(abs, UserText.of("export", "exists"));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The folder for an export: an existing one is used as it is; missing ones (and parents) are created 0700. */
    public static Path createMissingFolders(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            return abs;
        }
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            throw new Refused(abs, UserText.of("export", "notFolder"));
        }
        if (abs.getParent() != null) {
            createMissingFolders(abs.getParent());
        }
        try {
            Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(PrivateFiles.DIR));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(abs)) {
                throw e;
            }
        }
        return abs;
    }
}
