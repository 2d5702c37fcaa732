package dev.sessiondesk.app.instance;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * Where the hand-over socket goes when the data folder's path is too long for a socket name: a
 * folder only this user can enter ({@code $XDG_RUNTIME_DIR/sessiondesk}, else
 * {@code <tmp>/sessiondesk-<user>}), 0700 and owned by the user. Never the shared temp folder
 * itself, where anyone could pre-create the name and receive another user's hand-overs.
 */
final class PrivateSocketFolder {
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private PrivateSocketFolder() {
    }

    static Path path() throws IOException {
        String override = System.getProperty("sessiondesk.runtimeDir"); // tests
        String runtime = override != null ? override : System.getenv("XDG_RUNTIME_DIR");
        Path dir;
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            dir = Path.of(runtime).resolve("sessiondesk");
        } else {
            dir = Path.of(System.getProperty("java.io.tmpdir")).resolve("sessiondesk-" + System.getProperty("user.name"));
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // created meanwhile: checked below like any existing one
            }
        }
        requirePrivate(dir);
        return dir;
    }

    /** Refuses a folder that is a link, is not this user's, or that others may enter. */
    static void requirePrivate(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("refusing the socket folder " + dir + ": it is not a plain folder");
        }
        UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
        if (!owner.equals(me())) {
            throw new IOException("refusing the socket folder " + dir + ": it belongs to " + owner.getName()
                    + ", not to " + me().getName());
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        if (!perms.equals(PRIVATE)) {
            throw new IOException("refusing the socket folder " + dir + ": its permissions are "
                    + PosixFilePermissions.toString(perms) + ", not rwx------");
        }
    }

    /** Refuses an existing socket that is not this user's (it is deleted or connected to next). */
    static void requireOwnedByUser(Path socket) throws IOException {
        if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            UserPrincipal owner = Files.getOwner(socket, LinkOption.NOFOLLOW_LINKS);
            if (!owner.equals(me())) {
                throw new IOException("refusing the socket " + socket + ": it belongs to " + owner.getName());
            }
        }
    }

    private static UserPrincipal me() throws IOException {
        return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name"));
    }
}
