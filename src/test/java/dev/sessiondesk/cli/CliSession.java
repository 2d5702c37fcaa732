package dev.sessiondesk.cli;

import dev.sessiondesk.app.DataLocations;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A data folder holding one session, and the CLI run in-process on it with its output captured. */
final class CliSession {
    record Run(int exit, String out, String err) { }

    final Path data;
    final Path config;
    final Map<String, String> env = new HashMap<>();
    final String sessionId;
    private final Path home;

    CliSession(Path dir) {
        data = dir.resolve("data");
        config = dir.resolve("config");
        home = dir.resolve("home");
        env.put("XDG_CONFIG_HOME", config.toString());
        try (Store store = Store.open(data)) {
            sessionId = store.sessions().create(NewSession.blank()).id();
        }
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        DataLocations locations = new DataLocations(env, "Linux", home);
        String[] full = new String[args.length + 2];
        full[0] = "--data-dir";
        full[1] = data.toString();
        System.arraycopy(args, 0, full, 2, args.length);
        int exit = SessionDeskCommand.commandLine(locations, new PrintWriter(out), new PrintWriter(err)).execute(full);
        return new Run(exit, out.toString(), err.toString());
    }

    List<Message> messages() {
        try (Store store = Store.open(data)) {
            return store.messages().list(sessionId);
        }
    }

    Session session() {
        try (Store store = Store.open(data)) {
            return store.sessions().require(sessionId);
        }
    }
}
