package dev.sessiondesk.cli;

import dev.sessiondesk.app.SessionDesk;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "delete", description = "Move a session to the trash (restore brings it back).")
final class DeleteCommand implements Callable<Integer> {
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
            desk.sessions().trash(sid);
            spec.commandLine().getOut().println("moved " + sid + " to the trash");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
