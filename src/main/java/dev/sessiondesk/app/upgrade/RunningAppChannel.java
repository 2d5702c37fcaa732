package dev.sessiondesk.app.upgrade;

import java.time.Duration;

/**
 * How {@code pre-upgrade} talks to a SessionDesk that is running on the same data folder (the
 * single-instance socket the GUI owns): ask it to flush drafts and streaming replies, save its window
 * layout and quit, and wait until it has.
 */
public interface RunningAppChannel {

    enum Outcome {
        /** Nothing listens on the data folder's channel. */
        NO_APP_RUNNING,
        /** An app was running; it saved everything and exited. */
        QUIT_CLEANLY,
        /** An app is running and did not quit within the timeout (or refused). */
        DID_NOT_QUIT
    }

    Outcome askToSaveAndQuit(Duration timeout);

    /** For builds without the single-instance channel: there is never an app to ask. */
    static RunningAppChannel absent() {
        return timeout -> Outcome.NO_APP_RUNNING;
    }
}
