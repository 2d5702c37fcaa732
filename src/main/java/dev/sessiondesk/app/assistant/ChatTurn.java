package dev.sessiondesk.app.assistant;

import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One turn of the conversation as an assistant sees it: who said it and its plain text. */
public record ChatTurn(Role role, String text) {

    public ChatTurn {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
    }

    public static ChatTurn user(String text) {
        return new ChatTurn(Role.USER, text);
    }

    public static ChatTurn assistant(String text) {
        return new ChatTurn(Role.ASSISTANT, text);
    }

    /**
     * The stored messages the agent may see ({@code agentVisible}; compacted history stays in the
     * store but is not sent), as turns; messages without text (images, tool calls) are left out.
     */
    public static List<ChatTurn> fromMessages(List<Message> messages) {
        List<ChatTurn> turns = new ArrayList<>(messages.size());
        for (Message m : messages) {
            if (!m.agentVisible()) {
                continue;
            }
            String text = ContentItems.plainText(m.contentJson());
            if (!text.isBlank()) {
                turns.add(new ChatTurn(m.role(), text));
            }
        }
        return turns;
    }
}
