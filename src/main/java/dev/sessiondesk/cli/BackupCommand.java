package dev.sessiondesk.cli;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.backup.BackupRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "backup", description = {
        "Make a verified backup of the store in <data>/backups/ and print its path and figures.",
        "A copy that fails verification is set aside as .failed and the command exits 2."})
final class BackupCommand implements Callable<Integer> {
    @ParentCommand
    SessionDeskCommand root;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (SessionDesk desk = root.openWritable()) {
            ConsoleProgress progress = ConsoleProgress.onTerminal(spec.commandLine().getErr());
            BackupRecord b;
            try {
                b = desk.backups().backup("manual", progress);
            } finally {
                progress.done();
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(b.file());
            out.println(b.sessionCount() + " sessions, " + b.messageCount() + " messages, " + BackupsCommand.size(b.sizeBytes())
                    + ", verified " + b.verifiedAt());
            out.flush();
            return SessionDeskCommand.EXIT_OK;
        }
    }
}
