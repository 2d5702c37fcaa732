package dev.sessiondesk.cli;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "new", description = "Create a session and print its id.")
final class NewCommand implements Callable<Integer> {
    @ParentCommand
    SessionDeskCommand root;
    @Spec
    CommandSpec spec;

    @Option(names = "--title", paramLabel = "T", description = "Its title (final: never replaced by an automatic one).")
    String title;
    @Option(names = "--working-dir", paramLabel = "D", description = "The folder the conversation is about.")
    String workingDir;

    @Override
    public Integer call() {
        try (SessionDesk desk = root.openWritable()) {
            Session s = desk.sessions().create(title, workingDir);
            spec.commandLine().getOut().println(s.id());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
