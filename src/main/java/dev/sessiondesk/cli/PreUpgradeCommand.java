package dev.sessiondesk.cli;

import dev.sessiondesk.app.upgrade.PreUpgrade;
import dev.sessiondesk.app.instance.SaveAndQuitChannel;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "pre-upgrade", description = {
        "Prepare the data folder for an upgrade: verified backup, export of the sessions open in windows",
        "and an upgrade manifest under <data>/upgrade-<time>/. Exit 0 when ready; 2 with the reason otherwise",
        "(installers stop the upgrade then)."})
final class PreUpgradeCommand extends StoreCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
        ConsoleProgress progress = ConsoleProgress.onTerminal(err());
        PreUpgrade.Result r;
        try {
            // A GUI on the same folder is asked over its single-instance socket to save and quit first.
            r = new PreUpgrade(root.resolvedDataDir(), new SaveAndQuitChannel(root.resolvedDataDir()), Clock.systemUTC()).run(progress);
        } catch (PreUpgrade.Failed e) {
            progress.done();
            throw new CliFailure("not ready for the upgrade: " + e.getMessage());
        } finally {
            progress.done();
        }
        PrintWriter out = out();
        out.println(r.manifest());
        out.println("backup " + r.backup().file() + "; " + r.sessions() + " sessions, " + r.windows() + " windows, "
                + r.exportedSessions() + " open sessions exported to " + r.folder());
        out.flush();
        return SessionDeskCommand.EXIT_OK;
    }
}
