package dev.sessiondesk.cli;

import dev.sessiondesk.app.DataLocations;
import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.api.ApiOptions;
import dev.sessiondesk.app.api.ApiServer;
import dev.sessiondesk.app.chat.SessionChanges;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", description = {
        "Run the local HTTP API (goose-compatible routes and /api/v1) on this store until stopped (Ctrl+C),"
                + " for a machine without a display. Prints \"listening on URL\" once it accepts connections.",
        "Loopback only unless --lan is given; on the LAN it speaks TLS with a self-signed certificate whose"
                + " fingerprint it prints. Clients need the token (sessiondesk api-token) except for /status."})
final class ServeCommand extends StoreCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", defaultValue = "" + ApiOptions.DEFAULT_PORT,
            description = "The port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;
    @Option(names = "--bind", paramLabel = "ADDR", description = "The address to listen on (default 127.0.0.1;"
            + " with --lan, 0.0.0.0).")
    String bind;
    @Option(names = "--lan", description = "Let other devices on the network connect (TLS, self-signed certificate).")
    boolean lan;
    @Option(names = "--allow-origin", paramLabel = "ORIGIN",
            description = "The one web origin (e.g. http://localhost:5173) allowed to call the API from a browser.")
    String allowOrigin;

    @Override
    public Integer call() throws InterruptedException {
        DataLocations locations = root.locations();
        ApiOptions options = ApiOptions.loopback(locations.configDir(), port)
                .withBind(bind != null ? bind : lan ? "0.0.0.0" : ApiOptions.LOOPBACK, lan)
                .withAllowedOrigin(allowOrigin);
        SessionDesk desk = root.open();
        desk.assistants().useConfigured(locations.environment(), locations.configDir())
                .ifPresent(problem -> err().println("sessiondesk: replies use the offline assistant: " + problem));
        ApiServer server;
        try {
            server = ApiServer.start(desk, new SessionChanges(), options);
        } catch (BindException e) {
            desk.close();
            throw new CliFailure(e.getMessage());
        } catch (IOException e) {
            desk.close();
            throw new CliFailure("cannot start the API: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            desk.close();
            throw new CliFailure(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(desk.workers().thread("serve-shutdown", false, () -> {
            server.close();
            desk.close();
            stopped.countDown();
        }));
        PrintWriter out = out();
        out.println("listening on " + server.url());
        if (server.fingerprint() != null) {
            out.println("certificate SHA-256 " + server.fingerprint());
        }
        if (desk.store().isReadOnly()) {
            out.println("read-only: " + desk.store().readOnlyReason());
        }
        out.flush();
        stopped.await();
        return SessionDeskCommand.EXIT_OK;
    }
}
