package dev.sessiondesk.app.importer;

import dev.sessiondesk.app.text.Sizes;
import dev.sessiondesk.app.text.Wording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Guards for reading a user-given folder: a file is read only if its real location (after every
 * symbolic link) is inside the real root, and only if it is not larger than the limit. Readers call
 * these before opening anything, so a link to {@code /etc} or a {@code ../} name is refused, never read.
 */
public final class SafePaths {

    private SafePaths() {
    }

    /**
     * The real path of {@code candidate}, or a refusal naming it when it escapes {@code root}
     * ({@code ..}, or a symbolic link pointing outside).
     */
    public static Path inside(Path root, Path candidate) throws RefusedPathException {
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new RefusedPathException(root.toString(), "cannot be read (" + e.getMessage() + ")");
        }
        Path normalized = candidate.toAbsolutePath().normalize();
        if (!normalized.startsWith(root.toAbsolutePath().normalize()) && !normalized.startsWith(realRoot)) {
            throw new RefusedPathException(candidate.toString(), "refused, the path leads outside " + root);
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            throw new RefusedPathException(candidate.toString(), "cannot be read (" + e.getMessage() + ")");
        }
        if (!real.startsWith(realRoot)) {
            throw new RefusedPathException(candidate.toString(), "refused, it is a symbolic link to " + real
                    + ", outside " + root);
        }
        return real;
    }

    /**
     * Refuses what is neither a regular file nor a folder (a fifo, a device, a socket) before anything
     * opens it: opening a fifo waits forever for a writer, with or without {@code --format}.
     */
    public static void requireFileOrFolder(Path path) {
        if (!Files.isDirectory(path) && !Files.isRegularFile(path)) {
            throw new IllegalArgumentException(path + " is not a regular file or a folder (a pipe, device or"
                    + " socket); import reads files and folders only, nothing was imported");
        }
    }

    /** Refuses a file larger than {@code maxBytes}, saying how large it is and how to allow it. */
    public static void withinLimit(Path file, String label, long maxBytes) throws RefusedPathException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new RefusedPathException(label, "cannot be read (" + e.getMessage() + ")");
        }
        if (size > maxBytes) {
            throw new RefusedPathException(label, "refused, the file is " + megabytes(size)
                    + " MB, over the " + megabytes(maxBytes) + " MB limit (raise it with --max-size)");
        }
    }

    /** The CLI's English of {@link Sizes#megabytes} ("1.5", "12"). */
    public static String megabytes(long bytes) {
        return Wording.english().say(Sizes.megabytes(bytes));
    }

    /** A path the import will not read; the message names it and says why. */
    public static final class RefusedPathException extends Exception {
        private final String where;
        private final String reason;

        RefusedPathException(String where, String reason) {
            super(where + ": " + reason);
            this.where = where;
            this.reason = reason;
        }

        public String where() {
            return where;
        }

        public String reason() {
            return reason;
        }
    }
}
