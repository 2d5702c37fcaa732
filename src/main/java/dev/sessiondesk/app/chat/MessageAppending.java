package dev.sessiondesk.app.chat;

import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.NewMessage;

/** Appending to one session; returns only after the commit (P1). */
@FunctionalInterface
public interface MessageAppending {
    AppendResult append(String sessionId, NewMessage message);
}
