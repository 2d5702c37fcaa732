package dev.sessiondesk.cli;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.backup.BackupCatalog;
import dev.sessiondesk.app.backup.BackupService;
import dev.sessiondesk.app.backup.RestoreService;
import dev.sessiondesk.app.upgrade.LiveApp;
import dev.sessiondesk.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "restore", description = {
        "restore ID: bring a session back from the trash.",
        "restore --backup FILE: put a backup (a path, or a file name in <data>/backups/) in place of the",
        "store, after a safety backup of the current store."})
final class RestoreCommand extends StoreCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID")
    String id;

    @Option(names = "--backup", paramLabel = "FILE", description = "Restore the whole store from this backup.")
    String backupFile;

    @Override
    public Integer call() throws IOException {
        Path dataDir = root.resolvedDataDir();
        BackupCatalog catalog = new BackupCatalog(dataDir);
        if (backupFile != null) {
            if (id != null) {
                throw new CliFailure("give either a session ID or --backup FILE, not both");
            }
            Path backup = catalog.resolve(backupFile)
                    .orElseThrow(() -> new CliFailure("no backup file " + backupFile + " (nor in " + catalog.dir() + ")"));
            return restoreBackup(dataDir, backup);
        }
        if (id == null) {
            throw new CliFailure("restore needs a session ID (from the trash) or --backup FILE (the whole store)");
        }
        // The older form: a path (it has a slash) or a backup's own file name, never a session id.
        // A file in the current folder that happens to be named like a session is not a backup.
        boolean looksLikePath = id.contains("/") || id.contains(java.io.File.separator);
        if (looksLikePath) {
            Optional<Path> backup = catalog.resolve(id);
            if (backup.isPresent()) {
                err().println("note: restoring the store from a backup is now: restore --backup " + id);
                err().flush();
                return restoreBackup(dataDir, backup.get());
            }
            throw new CliFailure("no backup file " + id);
        }
        try (SessionDesk desk = root.openWritable()) {
            java.util.Optional<String> sid = findSession(desk);
            if (sid.isPresent()) {
                desk.sessions().restore(sid.get());
                out().println("restored " + sid.get());
                out().flush();
                return 0;
            }
        }
        Path inBackups = catalog.dir().resolve(id);
        if (Files.isRegularFile(inBackups)) {
            err().println("note: restoring the store from a backup is now: restore --backup " + id);
            err().flush();
            return restoreBackup(dataDir, inBackups);
        }
        throw new CliFailure("no session with id " + id + (Files.exists(Path.of(id))
                ? " (to restore the store from the file " + id + ", use: restore --backup ./" + id + ")" : ""));
    }

    private java.util.Optional<String> findSession(SessionDesk desk) {
        try {
            return java.util.Optional.of(SessionDeskCommand.resolve(desk, id).id());
        } catch (CliFailure e) {
            if (e.getMessage().startsWith("no session with id")) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    private int restoreBackup(Path dataDir, Path backup) throws IOException {
        Path db = dataDir.resolve(Store.FILE_NAME);
        if (Files.isRegularFile(db)) {
            try (Store current = Store.openReadOnly(db)) {
                Optional<String> live = LiveApp.describe(current, Clock.systemUTC());
                if (live.isPresent()) {
                    throw new CliFailure("will not restore: " + live.get());
                }
            }
        }
        ConsoleProgress progress = ConsoleProgress.onTerminal(err());
        RestoreService.Result r;
        try {
            r = new RestoreService(dataDir, new BackupService(dataDir)).restore(backup, progress);
        } finally {
            progress.done();
        }
        out().println("restored " + r.sessions() + " sessions, " + r.messages() + " messages from "
                + r.restoredFrom());
        if (r.safetyCopy() != null) {
            out().println("the previous store was saved as " + r.safetyCopy()
                    + (r.safetyCopyVerified() ? "" : " (it did not verify; kept as it was)"));
        }
        out().flush();
        return 0;
    }
}
