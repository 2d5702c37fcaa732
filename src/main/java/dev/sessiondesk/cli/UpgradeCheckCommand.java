package dev.sessiondesk.cli;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.upgrade.UpgradeCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "upgrade-check", description = {
        "Compare the store with the latest upgrade manifest: every session keeps at least its recorded",
        "messages with the same chain, every window its own session. Exit 0 when all match, 1 on a mismatch."})
final class UpgradeCheckCommand extends StoreCommand implements Callable<Integer> {

    @Option(names = "--manifest", paramLabel = "FILE", description = "This manifest instead of the latest one.")
    Path manifest;

    @Override
    public Integer call() throws IOException {
        try (SessionDesk desk = root.open()) {
            ReadOnlyNotice.warn(desk, spec);
            UpgradeCheck check = new UpgradeCheck(desk.store(), Clock.systemUTC());
            PrintWriter out = out();
            Optional<Path> file = manifest != null ? Optional.of(manifest) : check.latestManifest();
            if (file.isEmpty()) {
                out.println("no upgrade manifest in " + desk.store().dataDir() + "; nothing to check");
                out.flush();
                return SessionDeskCommand.EXIT_OK;
            }
            UpgradeCheck.Report r = check.check(file.get());
            r.problems().forEach(out::println);
            out.println(r.manifest() + " (from " + r.fromVersion() + "): " + r.sessionsChecked() + " sessions, "
                    + r.windowsChecked() + " windows checked, " + r.problems().size() + " problems");
            out.flush();
            return r.ok() ? SessionDeskCommand.EXIT_OK : SessionDeskCommand.EXIT_MISMATCH;
        }
    }
}
