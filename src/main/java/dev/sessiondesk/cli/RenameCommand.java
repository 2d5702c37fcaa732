package dev.sessiondesk.cli;

import dev.sessiondesk.app.SessionDesk;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rename", description = "Give a session a title of your own (automatic titles never replace it).")
final class RenameCommand extends StoreCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID")
    String id;
    @Parameters(index = "1", paramLabel = "TITLE")
    String title;

    @Override
    public Integer call() {
        try (SessionDesk desk = root.openWritable()) {
            var s = desk.sessions().rename(SessionDeskCommand.resolve(desk, id).id(), title);
            out().println(s.id() + " " + s.title());
            out().flush();
            return 0;
        }
    }
}
