package dev.sessiondesk.cli;

import dev.sessiondesk.app.SessionDesk;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "restore", description = "Bring a session back from the trash.")
final class RestoreCommand implements Callable<Integer> {
    @ParentCommand
    SessionDeskCommand root;
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
        try (SessionDesk desk = root.openWritable()) {
            String sid = SessionDeskCommand.resolve(desk, id).id();
            desk.sessions().restore(sid);
            spec.commandLine().getOut().println("restored " + sid);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
