package dev.sessiondesk.app.chat;

import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Session;
import java.util.List;
import java.util.Map;

/**
 * A session as a window shows it: its messages (hidden ones flagged as such) and its fork points with
 * their alternatives, keyed by the seq of the first message that differs.
 */
public record ConversationView(Session session, List<Message> messages, Map<Integer, BranchPoints.Alternatives> branches) {
    public ConversationView {
        messages = List.copyOf(messages);
        branches = Map.copyOf(branches);
    }
}
