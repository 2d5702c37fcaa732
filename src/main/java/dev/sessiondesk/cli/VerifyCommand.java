package dev.sessiondesk.cli;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.backup.FullVerifier;
import dev.sessiondesk.store.ChainReport;
import dev.sessiondesk.store.StoreReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify", description = {
        "Recompute hash chains and run SQLite's quick_check. Exit 0 when intact,",
        "1 on a mismatch (naming the session and message), 2 when the store cannot be read.",
        "--full adds SQLite's integrity_check, the windows' references and the search index, and names",
        "the newest verified backup that has each damaged session intact."})
final class VerifyCommand extends StoreCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Only this session.")
    String id;
    @Option(names = "--full", description = "integrity_check instead of quick_check, plus windows, search index and the way back.")
    boolean full;

    @Override
    public Integer call() {
        try (SessionDesk desk = root.open()) {
            ReadOnlyNotice.warn(desk, spec);
            PrintWriter out = out();
            if (id != null) {
                ChainReport r = desk.store().verifier().verifySession(SessionDeskCommand.resolve(desk, id).id());
                out.println(r);
                out.flush();
                return r.ok() ? SessionDeskCommand.EXIT_OK : SessionDeskCommand.EXIT_MISMATCH;
            }
            if (full) {
                ConsoleProgress progress = ConsoleProgress.onTerminal(err());
                FullVerifier.Report report;
                try {
                    report = new FullVerifier(desk.store(), desk.backups().catalog()).verify(progress);
                } finally {
                    progress.done();
                }
                report.lines().forEach(out::println);
                out.flush();
                return report.ok() ? SessionDeskCommand.EXIT_OK : SessionDeskCommand.EXIT_MISMATCH;
            }
            StoreReport report = desk.store().verifier().verifyAll(false);
            out.println("sqlite quick_check: " + report.sqliteCheck());
            for (ChainReport r : report.problems()) {
                out.println(r);
            }
            out.println(report.chains().size() + " sessions, " + report.messagesChecked() + " messages checked, "
                    + report.problems().size() + " with problems");
            out.flush();
            return report.ok() ? SessionDeskCommand.EXIT_OK : SessionDeskCommand.EXIT_MISMATCH;
        }
    }
}
