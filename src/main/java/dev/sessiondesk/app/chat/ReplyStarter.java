package dev.sessiondesk.app.chat;

import dev.sessiondesk.model.AppendResult;

/**
 * The seam where an assistant reply begins. A chat window calls it once the user's message is
 * committed (never before), with the session id the message went to, so a reply can only ever be
 * written to that session (promise P5). The default does nothing: the app works without an assistant.
 */
@FunctionalInterface
public interface ReplyStarter {
    ReplyStarter NONE = (sessionId, userMessage) -> { };

    /** Called on a background thread right after the commit; must not block for long. */
    void userMessageCommitted(String sessionId, AppendResult userMessage);
}
