package dev.sessiondesk.cli;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.backup.BackupRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "backup", description = {
        "Make a verified backup of the store in <data>/backups/ and print its path and figures.",
        "A copy that fails verification is set aside as .failed and the command exits 2."})
final class BackupCommand extends StoreCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
        try (SessionDesk desk = root.openWritable()) {
            ConsoleProgress progress = ConsoleProgress.onTerminal(err());
            BackupRecord b;
            try {
                b = desk.backups().backup("manual", progress);
            } finally {
                progress.done();
            }
            PrintWriter out = out();
            out.println(b.file());
            out.println(b.sessionCount() + " sessions, " + b.messageCount() + " messages, " + BackupsCommand.size(b.sizeBytes())
                    + ", verified " + b.verifiedAt());
            out.flush();
            return SessionDeskCommand.EXIT_OK;
        }
    }
}
