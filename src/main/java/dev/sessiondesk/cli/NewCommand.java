package dev.sessiondesk.cli;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "new", description = "Create a session and print its id.")
final class NewCommand extends StoreCommand implements Callable<Integer> {

    @Option(names = "--title", paramLabel = "T", description = "Its title (final: never replaced by an automatic one).")
    String title;
    @Option(names = "--working-dir", paramLabel = "D", description = "The folder the conversation is about.")
    String workingDir;

    @Override
    public Integer call() {
        try (SessionDesk desk = root.openWritable()) {
            Session s = desk.sessions().create(title, workingDir);
            out().println(s.id());
            out().flush();
            return 0;
        }
    }
}
