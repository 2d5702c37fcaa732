package dev.sessiondesk.cli;

import dev.sessiondesk.app.SessionDesk;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = "Move a session to the trash (restore brings it back).")
final class DeleteCommand extends StoreCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
        try (SessionDesk desk = root.openWritable()) {
            String sid = SessionDeskCommand.resolve(desk, id).id();
            desk.sessions().trash(sid);
            out().println("moved " + sid + " to the trash");
            out().flush();
            return 0;
        }
    }
}
