package dev.sessiondesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.store.Store;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 3: {@code export -o FILE} and {@code export-all DIR} create new files 0600 and never
 * change the permissions of a folder that already exists; an existing file is replaced only with
 * {@code --force}; what is not a regular file is refused; {@code -o -} is standard output.
 */
class ExportFilePermissionsTest {
    @TempDir
    Path tmp;
    CliSession cli;
    Path project;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliSession(tmp);
        try (Store store = Store.open(cli.data)) {
            store.messages().append(cli.sessionId, NewMessage.text(Role.USER, "hello export"));
        }
        project = Files.createDirectory(tmp.resolve("project"));
        Files.setPosixFilePermissions(project, PosixFilePermissions.fromString("rwxrwxr-x"));
    }

    @Test
    void exportCreatesA0600FileAndLeavesTheUsersFolderAsItWas() throws Exception {
        Path file = project.resolve("chat.md");
        CliSession.Run r = cli.run("export", cli.sessionId, "--format", "md", "-o", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(file)).contains("hello export");
        assertThat(perms(file)).isEqualTo("rw-------");
        assertThat(perms(project)).isEqualTo("rwxrwxr-x");
    }

    @Test
    void anExistingFileIsReplacedOnlyWithForce() throws Exception {
        Path file = project.resolve("notes.md");
        Files.writeString(file, "the user's own notes");
        CliSession.Run refused = cli.run("export", cli.sessionId, "--format", "md", "-o", file.toString());
        assertThat(refused.exit()).isEqualTo(SessionDeskCommand.EXIT_ERROR);
        assertThat(refused.err()).contains(file.toString()).contains("already exists").contains("--force");
        assertThat(Files.readString(file)).isEqualTo("the user's own notes");

        CliSession.Run forced = cli.run("export", cli.sessionId, "--format", "md", "-o", file.toString(), "--force");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(Files.readString(file)).contains("hello export");
        assertThat(perms(project)).isEqualTo("rwxrwxr-x");
    }

    @Test
    void aSpecialFileIsRefusedAndLeftInPlace() throws Exception {
        Path fifo = project.resolve("pipe");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mk.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mk.exitValue()).isZero();
        CliSession.Run r = cli.run("export", cli.sessionId, "--format", "md", "-o", fifo.toString(), "--force");
        assertThat(r.exit()).isEqualTo(SessionDeskCommand.EXIT_ERROR);
        assertThat(r.err()).contains("not a regular file").contains("-o -");
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).as("the fifo was not replaced").isFalse();
        assertThat(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(perms(project)).isEqualTo("rwxrwxr-x");
    }

    @Test
    void dashIsStandardOutput() {
        CliSession.Run r = cli.run("export", cli.sessionId, "--format", "md", "-o", "-");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("hello export");
        assertThat(Files.exists(Path.of("-"))).isFalse();
    }

    @Test
    void exportAllIntoAnExistingFolderKeepsItsPermissionsAndReplacesOnlyWithForce() throws Exception {
        CliSession.Run first = cli.run("export-all", project.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(perms(project)).isEqualTo("rwxrwxr-x");
        assertThat(perms(project.resolve(cli.sessionId + ".md"))).isEqualTo("rw-------");
        assertThat(perms(project.resolve("index.md"))).isEqualTo("rw-------");

        CliSession.Run again = cli.run("export-all", project.toString());
        assertThat(again.exit()).isEqualTo(SessionDeskCommand.EXIT_ERROR);
        assertThat(again.err()).contains("already exists").contains("--force");
        assertThat(cli.run("export-all", project.toString(), "--force").exit()).isZero();

        Path fresh = tmp.resolve("new/export");
        assertThat(cli.run("export-all", fresh.toString()).exit()).isZero();
        assertThat(perms(fresh)).isEqualTo("rwx------");
    }

    private static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }
}
