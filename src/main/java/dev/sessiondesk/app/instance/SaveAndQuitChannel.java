package dev.sessiondesk.app.instance;

import dev.sessiondesk.app.upgrade.RunningAppChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RunningAppChannel} over the single-instance socket: sends the one-word request
 * {@value #REQUEST} the way a second launch hands over its arguments, then waits until the app
 * has removed its socket, which it does only after it has written drafts, window bindings and
 * streaming replies, removed its heartbeat and closed the store.
 */
public final class SaveAndQuitChannel implements RunningAppChannel {
    private static final Logger LOG = LoggerFactory.getLogger(SaveAndQuitChannel.class);
    /** The hand-over argument a running app understands as "save everything and quit". */
    public static final String REQUEST = "--save-and-quit";

    private final Path dataDir;

    public SaveAndQuitChannel(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath();
    }

    /** Whether a hand-over is the save-and-quit request rather than a launch's arguments. */
    public static boolean isRequest(List<String> handedOver) {
        return handedOver.size() == 1 && REQUEST.equals(handedOver.get(0));
    }

    @Override
    public Outcome askToSaveAndQuit(Duration timeout) {
        Path socket = SingleInstance.socketPath(dataDir);
        if (!SingleInstance.forward(dataDir, List.of(REQUEST))) {
            return Outcome.NO_APP_RUNNING;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!Files.exists(socket)) {
                LOG.info("the running SessionDesk on {} saved and quit", dataDir);
                return Outcome.QUIT_CLEANLY;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.DID_NOT_QUIT;
            }
        }
        LOG.warn("the running SessionDesk on {} did not quit within {}", dataDir, timeout);
        return Outcome.DID_NOT_QUIT;
    }
}
