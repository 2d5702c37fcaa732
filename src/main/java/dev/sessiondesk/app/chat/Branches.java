package dev.sessiondesk.app.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sessiondesk.app.assistant.SessionAssistants;
import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.SessionSettings;
import dev.sessiondesk.store.HiddenMessages;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreException;
import java.time.Instant;
import java.util.Optional;

/**
 * Edit-and-resend, regenerate, hide and the branch switcher's reads. A saved message is never
 * rewritten (P1, P6): edit and regenerate fork the conversation just before the message (through the
 * store's fork, whatever it stores) and the new text or reply goes into the fork; hide writes a
 * hidden-message row. All methods block on the store: call them off the FX thread.
 */
public final class Branches {
    private final Store store;
    private final ReplyStarter replies;
    private final SessionAssistants assistants;

    public Branches(Store store, ReplyStarter replies, SessionAssistants assistants) {
        this.store = store;
        this.replies = replies;
        this.assistants = assistants;
    }

    /**
     * A branch at {@code seq - 1} whose message {@code seq} is the user's message with {@code newText}
     * (its images and other non-text items kept), then a reply streams into it. Returns the branch.
     */
    public ConversationView editAndResend(String sessionId, int seq, String newText) {
        if (newText == null || newText.isBlank()) {
            throw new IllegalArgumentException("the edited message of session " + sessionId + " is empty");
        }
        Message original = finished(sessionId, seq);
        if (original.role() != Role.USER) {
            throw new IllegalArgumentException("message " + seq + " of session " + sessionId
                    + " is the assistant's; only your own messages can be edited (regenerate a reply instead)");
        }
        Session branch = branchBefore(sessionId, seq);
        NewMessage edited = new NewMessage(null, Role.USER, Instant.now().getEpochSecond(),
                editedContent(original.contentJson(), newText.strip()), true, true);
        AppendResult committed = store.messages().append(branch.id(), edited);
        replies.userMessageCommitted(branch.id(), committed);
        return view(branch.id());
    }

    /** A branch at {@code seq - 1} (without the assistant's message {@code seq}); a new reply streams into it. */
    public ConversationView regenerate(String sessionId, int seq) {
        Message original = finished(sessionId, seq);
        if (original.role() != Role.ASSISTANT) {
            throw new IllegalArgumentException("message " + seq + " of session " + sessionId
                    + " is yours; only a reply can be regenerated (edit your message instead)");
        }
        Session branch = branchBefore(sessionId, seq);
        replies.retry(branch.id());
        return view(branch.id());
    }

    public void hide(String sessionId, int seq) {
        store.hidden().setHidden(sessionId, seq, true);
    }

    public void unhide(String sessionId, int seq) {
        store.hidden().setHidden(sessionId, seq, false);
    }

    /** How a message shows once hidden (neither the user nor the agent sees it; its hash is the stored one). */
    public static Message asHidden(Message m) {
        return HiddenMessages.asHidden(m);
    }

    /** Message {@code seq} as the session shows it now (hidden or not). */
    public Optional<Message> shown(String sessionId, int seq) {
        return store.messages().get(sessionId, seq).map(m -> store.hidden().apply(sessionId, java.util.List.of(m)).get(0));
    }

    /** The session with its messages as shown (hidden ones flagged) and its fork points. */
    public ConversationView view(String sessionId) {
        Session session = store.sessions().require(sessionId);
        return new ConversationView(session, store.hidden().apply(sessionId, store.messages().list(sessionId)),
                points(sessionId).all(sessionId));
    }

    /** The fork family's alternatives as seen from the session. */
    public BranchPoints points(String sessionId) {
        return new BranchPoints(store.forks().of(sessionId));
    }

    /** Forks the trunk at {@code seq - 1}, so every alternative at that point is a sibling; keeps the model and prompt. */
    private Session branchBefore(String sessionId, int seq) {
        String trunk = points(sessionId).trunk(sessionId, seq - 1);
        Session branch = store.messages().fork(trunk, seq - 1);
        SessionSettings settings = assistants.settings(sessionId);
        if (!settings.equals(SessionSettings.DEFAULT)) {
            assistants.save(branch.id(), settings);
        }
        return branch;
    }

    private Message finished(String sessionId, int seq) {
        Optional<Message> m = store.messages().get(sessionId, seq);
        if (m.isEmpty()) {
            throw new StoreException(StoreException.Kind.NOT_FOUND, "session " + sessionId + " has no message " + seq);
        }
        if (m.get().state() == MessageState.STREAMING) {
            throw new StoreException(StoreException.Kind.CONFLICT, "message " + seq + " of session " + sessionId
                    + " is still streaming; stop it or wait for it to end");
        }
        return m.get();
    }

    /**
     * The original's items with its first text item (what the user typed) replaced by the new text;
     * attached images and files stay attached.
     */
    static String editedContent(String originalContent, String newText) {
        ArrayNode out = CanonicalJson.MAPPER.createArrayNode();
        boolean replaced = false;
        try {
            for (JsonNode item : CanonicalJson.parse(originalContent)) {
                if (!replaced && "text".equals(item.path("type").asText())) {
                    out.add(ContentItems.textItem(newText));
                    replaced = true;
                } else {
                    out.add(item);
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored content is not JSON", e);
        }
        if (!replaced) {
            out.insert(0, ContentItems.textItem(newText));
        }
        return CanonicalJson.write(out);
    }
}
