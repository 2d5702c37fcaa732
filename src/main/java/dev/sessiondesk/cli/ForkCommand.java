package dev.sessiondesk.cli;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.Session;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "fork", description = {
        "Start a new session from messages 1..SEQ of a session (\"duplicate from this message\"). The original is"
                + " not changed; the copy links to it and its hashes equal the original's. Prints the new session's id."})
final class ForkCommand extends StoreCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID", description = "The session (id or unambiguous prefix).")
    String id;
    @Parameters(index = "1", paramLabel = "SEQ", description = "The last message to copy.")
    int seq;

    @Override
    public Integer call() {
        try (SessionDesk desk = root.openWritable()) {
            Session parent = SessionDeskCommand.resolve(desk, id);
            Session child = desk.sessions().fork(parent.id(), seq);
            PrintWriter out = out();
            out.println(child.id());
            out.flush();
            return SessionDeskCommand.EXIT_OK;
        }
    }
}
