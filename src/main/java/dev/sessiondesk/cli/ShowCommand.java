package dev.sessiondesk.cli;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.SessionExporter;
import dev.sessiondesk.model.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show", description = "Print a session's messages (Markdown, or Goose export JSON with --json).")
final class ShowCommand extends StoreCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID")
    String id;
    @Option(names = "--json", description = "Print the session as JSON in Goose's export shape.")
    boolean json;

    @Override
    public Integer call() {
        try (SessionDesk desk = root.open()) {
            ReadOnlyNotice.warn(desk, spec);
            Session s = SessionDeskCommand.resolve(desk, id);
            out().print(desk.exporter().export(s.id(),
                    json ? SessionExporter.Format.JSON : SessionExporter.Format.MD));
            out().flush();
            return 0;
        }
    }
}
