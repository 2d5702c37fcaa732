package dev.sessiondesk.app.chat;

import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Session;
import java.util.List;

/** A session read together with its messages, as a window shows it. */
public record Conversation(Session session, List<Message> messages) {
    public Conversation {
        messages = List.copyOf(messages);
    }
}
