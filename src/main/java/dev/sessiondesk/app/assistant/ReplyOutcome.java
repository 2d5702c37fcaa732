package dev.sessiondesk.app.assistant;

import dev.sessiondesk.model.AppendResult;

/**
 * How a reply ended. {@code userMessage} is null only when it could not be saved (or for a retry);
 * {@code reply} is null when no token arrived (nothing was stored for it). {@code error} is the
 * message for the user when the state is {@link ReplyState#FAILED} or {@link ReplyState#NOT_SAVED}.
 */
public record ReplyOutcome(String sessionId, ReplyState state, AppendResult userMessage, AppendResult reply,
                           String text, String error, AssistantException.Kind errorKind) {

    public boolean ok() {
        return state == ReplyState.COMPLETE;
    }
}
