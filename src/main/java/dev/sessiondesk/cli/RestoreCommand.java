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
import picocli.CommandLine.Parameters;

@Command(name = "restore", description = {
        "restore ID: bring a session back from the trash.",
        "restore BACKUP: put a backup (a path, or a file name in <data>/backups/) in place of the store,",
        "after a safety backup of the current store."})
final class RestoreCommand extends StoreCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID|BACKUP")
    String id;

    @Override
    public Integer call() throws IOException {
        Path dataDir = root.resolvedDataDir();
        Optional<Path> backup = new BackupCatalog(dataDir).resolve(id);
        if (backup.isPresent()) {
            return restoreBackup(dataDir, backup.get());
        }
        try (SessionDesk desk = root.openWritable()) {
            String sid = SessionDeskCommand.resolve(desk, id).id();
            desk.sessions().restore(sid);
            out().println("restored " + sid);
            out().flush();
            return 0;
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
