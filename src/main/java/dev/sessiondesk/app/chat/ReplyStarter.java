package dev.sessiondesk.app.chat;

import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.model.AppendResult;
import java.util.Optional;

/**
 * The seam where an assistant reply begins. A chat window calls it once the user's message is
 * committed (never before), with the session id the message went to, so a reply can only ever be
 * written to that session (promise P5). The default does nothing: the app works without an assistant.
 * The other calls (stop, retry, continue, state) are keyed by session id too; without an assistant
 * they do nothing.
 */
@FunctionalInterface
public interface ReplyStarter {
    ReplyStarter NONE = (sessionId, userMessage) -> { };

    /** Called on a background thread right after the commit; must not block for long. */
    void userMessageCommitted(String sessionId, AppendResult userMessage);

    /** Stop: the partial reply streaming into the session is kept, marked stopped. */
    default void stop(String sessionId) {
    }

    /** Asks again for a reply to the session's last user message. */
    default void retry(String sessionId) {
    }

    /** Asks the assistant to carry on after an interrupted or stopped partial. */
    default void continueReply(String sessionId) {
    }

    /** Whether a reply is streaming into the session from this app now. */
    default boolean replying(String sessionId) {
        return false;
    }

    /** The last reply problem for the session (names the endpoint), until the next reply starts. */
    default Optional<UserText> problem(String sessionId) {
        return Optional.empty();
    }
}
