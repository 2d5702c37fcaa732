package dev.sessiondesk.app.assistant;

import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.app.text.Wording;
import dev.sessiondesk.model.AppendResult;

/**
 * What a window (or the CLI) hears about a reply. Calls come on the reply's background thread, in
 * order; a UI hands them to its own thread. Every method has a no-op default.
 */
public interface ReplyListener {
    ReplyListener NONE = new ReplyListener() { };

    /** The user's message is committed (P1): the UI may now show it as sent. */
    default void userMessageSaved(AppendResult saved) {
    }

    default void stateChanged(ReplyState state) {
    }

    /** The next piece of the reply's text. */
    default void delta(String text) {
    }

    /** A message for the user (names the endpoint or the store problem); {@link #finished} follows. */
    default void failed(String message) {
    }

    /** The same message in no language yet: a window says it in the user's, the default English. */
    default void failed(UserText message) {
        failed(Wording.english().say(message));
    }

    /** Always called last, once. */
    default void finished(ReplyOutcome outcome) {
    }
}
