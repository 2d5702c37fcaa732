package dev.sessiondesk.app.api;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.chat.SessionChanges;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local API as the desktop app runs it: started at launch when the user turned it on, switched
 * on, off or moved from Preferences, stopped with the app. It shares the app's change feed, so a
 * message a phone sends shows in the window on that session as it streams. Blocking: call it off
 * the FX thread.
 */
public final class LocalApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalApi.class);

    /** What Preferences shows: where it listens and how to pair, or why it is not running. */
    public record Status(boolean running, String url, String pairingLink, String fingerprint, String problem) {
        static Status stopped(String problem) {
            return new Status(false, null, null, null, problem);
        }
    }

    private final SessionDesk desk;
    private final SessionChanges changes;
    private final Path configDir;
    private ApiServer server;
    private Status status = Status.stopped(null);

    public LocalApi(SessionDesk desk, SessionChanges changes, Path configDir) {
        this.desk = desk;
        this.changes = changes;
        this.configDir = configDir;
    }

    /** At launch: starts the API if the saved settings say so. A problem is logged and shown in Preferences. */
    public synchronized Status startIfEnabled() {
        ApiSettings settings;
        try {
            settings = ApiSettings.load(configDir);
        } catch (RuntimeException e) {
            status = Status.stopped(e.getMessage());
            LOG.warn("the local API stays off: {}", e.getMessage());
            return status;
        }
        return settings.enabled() ? apply(settings) : status;
    }

    public synchronized ApiSettings settings() {
        try {
            return ApiSettings.load(configDir);
        } catch (RuntimeException e) {
            return ApiSettings.off();
        }
    }

    /** Saves the settings and makes the running server match them. */
    public synchronized Status change(ApiSettings settings) throws IOException {
        settings.save(configDir);
        return apply(settings);
    }

    private Status apply(ApiSettings settings) {
        stopServer();
        if (!settings.enabled()) {
            status = Status.stopped(null);
            return status;
        }
        try {
            server = ApiServer.start(desk, changes, settings.options(configDir));
            status = new Status(true, server.url().toString(), server.pairingLink(), server.fingerprint(), null);
        } catch (IOException | IllegalArgumentException | java.io.UncheckedIOException e) {
            LOG.warn("the local API could not start: {}", e.getMessage());
            status = Status.stopped(e.getMessage());
        }
        return status;
    }

    public synchronized Status status() {
        return status;
    }

    public synchronized Optional<ApiServer> server() {
        return Optional.ofNullable(server);
    }

    private void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public synchronized void close() {
        stopServer();
    }
}
