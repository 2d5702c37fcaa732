package dev.sessiondesk.cli;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.store.AppVersion;
import dev.sessiondesk.store.Schema;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "info", description = "Show the store's path, schema version and counts.")
final class InfoCommand extends StoreCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        try (SessionDesk desk = root.open()) {
            PrintWriter out = out();
            var store = desk.store();
            out.println("store:          " + store.dbFile());
            out.println("schema version: " + store.schemaVersion() + " (this SessionDesk " + AppVersion.current()
                    + " knows up to " + Schema.CURRENT + ")");
            if (store.isReadOnly()) {
                out.println("read-only:      " + store.readOnlyReason());
                out.flush();
                if (store.schemaVersion() > Schema.CURRENT) {
                    return SessionDeskCommand.EXIT_ERROR;
                }
            }
            out.println("sessions:       " + store.sessions().count(false) + " (+ "
                    + (store.sessions().count(true) - store.sessions().count(false)) + " in the trash)");
            out.println("messages:       " + store.messages().countAll());
            out.flush();
            return 0;
        }
    }
}
