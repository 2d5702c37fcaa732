package dev.sessiondesk.cli;

import dev.sessiondesk.app.SessionDesk;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rename", description = "Give a session a title of your own (automatic titles never replace it).")
final class RenameCommand implements Callable<Integer> {
    @ParentCommand
    SessionDeskCommand root;
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID")
    String id;
    @Parameters(index = "1", paramLabel = "TITLE")
    String title;

    @Override
    public Integer call() {
        try (SessionDesk desk = root.openWritable()) {
            var s = desk.sessions().rename(SessionDeskCommand.resolve(desk, id).id(), title);
            spec.commandLine().getOut().println(s.id() + " " + s.title());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
