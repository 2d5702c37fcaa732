package dev.sessiondesk.cli;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.importer.ImportFormat;
import dev.sessiondesk.app.importer.ImportOptions;
import dev.sessiondesk.app.importer.ImportProgress;
import dev.sessiondesk.app.importer.ImportReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = {
        "Import sessions from Goose (session files, sessions.db, session exports), a ChatGPT export",
        "(conversations.json) or an agent project folder. The format is detected unless --format is given.",
        "Importing the same thing again changes nothing; a newer copy of a session appends only its new",
        "messages. A damaged session is skipped with its file:line (or JSON path); the others still import.",
        "Exit 0 when everything was readable, 1 when something was skipped, 2 on an error."})
final class ImportCommand extends StoreCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PATH", description = "A file or folder to import.")
    Path path;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "goose-jsonl, goose-db, goose-export, chatgpt, agents, claude, open-webui, lmstudio, jan or chatbox"
                    + " (default: detect by content; a zip is read in place).")
    String format;

    @Option(names = "--dry-run", description = "Read and check everything, write nothing; print what would happen.")
    boolean dryRun;

    @Option(names = "--partial", description = "Import the readable part of a damaged session (marked \"partial import\").")
    boolean partial;

    @Option(names = "--max-size", paramLabel = "MB", defaultValue = "100",
            description = "Refuse files larger than this many megabytes (default: ${DEFAULT-VALUE}).")
    long maxSizeMb;

    @Override
    public Integer call() throws IOException {
        if (maxSizeMb <= 0) {
            throw new CliFailure("--max-size must be a positive number of megabytes");
        }
        ImportOptions options = new ImportOptions(format == null ? null : ImportFormat.fromWire(format), dryRun, partial,
                maxSizeMb * 1024 * 1024);
        PrintWriter out = out();
        PrintWriter err = err();
        try (SessionDesk desk = dryRun ? root.open() : root.openWritable()) {
            ImportReport report = desk.importer().importPath(path, options, progressFor(err));
            if (System.console() != null) {
                err.print("\r\033[K");
                err.flush();
            }
            report.summaryLines().forEach(out::println);
            out.flush();
            return report.hasProblems() ? SessionDeskCommand.EXIT_MISMATCH : SessionDeskCommand.EXIT_OK;
        }
    }

    /** A one-line progress display, only when a person is watching a terminal (never in pipes or logs). */
    private static ImportProgress progressFor(PrintWriter err) {
        if (System.console() == null) {
            return ImportProgress.NONE;
        }
        long[] lastPrint = {0};
        return (source, done, total, sessions) -> {
            long now = System.nanoTime();
            if (now - lastPrint[0] < 100_000_000L && done != total) {
                return;
            }
            lastPrint[0] = now;
            String amount = total > 0 ? (done * 100 / total) + "%" : String.valueOf(done);
            err.print("\r\033[Kimporting " + source + ": " + amount + " (" + sessions + " sessions)");
            err.flush();
        };
    }
}
