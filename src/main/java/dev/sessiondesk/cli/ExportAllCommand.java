package dev.sessiondesk.cli;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.backup.AllSessionsExporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "export-all", description = {
        "Export every session (also archived and trashed) as JSON and Markdown into DIR,",
        "0600 files (a new DIR is created 0700; an existing one keeps its permissions), with an index.md."})
final class ExportAllCommand extends StoreCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR")
    Path dir;
    @picocli.CommandLine.Option(names = "--force", description = "Replace files of an earlier export in DIR.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        try (SessionDesk desk = root.open()) {
            ReadOnlyNotice.warn(desk, spec);
            ConsoleProgress progress = ConsoleProgress.onTerminal(err());
            AllSessionsExporter.Summary s;
            try {
                s = desk.exportAll().exportAll(dir, progress, force);
            } catch (java.nio.file.FileSystemException e) {
                throw new CliFailure("cannot export to " + e.getFile() + ": " + e.getReason());
            } finally {
                progress.done();
            }
            out().println("exported " + s.sessions() + " sessions (" + s.files() + " files) to " + s.dir());
            out().flush();
            return SessionDeskCommand.EXIT_OK;
        }
    }
}
