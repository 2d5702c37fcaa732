package dev.sessiondesk.app.assistant;

import dev.sessiondesk.app.text.UserText;
import java.util.List;

/**
 * Something that answers a conversation token by token: the built-in {@link OfflineAssistant} or a
 * chat-completions server ({@link OpenAiCompatibleAssistant}). Implementations hold no conversation
 * state; the store does.
 */
public interface Assistant {

    /** Receives the reply as it arrives, on the thread that called {@link #streamReply}. */
    @FunctionalInterface
    interface DeltaSink {
        void delta(String text);
    }

    /**
     * Streams the reply to {@code conversation} into {@code sink}, blocking until the reply is
     * complete or {@code cancellation} is cancelled (then it returns early, without an exception).
     *
     * @throws AssistantException when the endpoint cannot be reached, rejects the request, times
     *     out or sends something unreadable; deltas already delivered stay delivered
     */
    void streamReply(List<ChatTurn> conversation, DeltaSink sink, Cancellation cancellation) throws AssistantException;

    /** Who answers, for people: "the offline demo assistant", "the assistant at http://…". Never holds a key. */
    String describe();

    /** {@link #describe()} in no language yet, for a window. */
    default UserText describeText() {
        return UserText.plain(describe());
    }

    /** Whether it can write real titles; the offline one cannot, so titles come from the first user message. */
    default boolean writesTitles() {
        return true;
    }

    /** The whole reply as one string (used for short side requests such as titles). */
    default String complete(List<ChatTurn> conversation, Cancellation cancellation) throws AssistantException {
        StringBuilder out = new StringBuilder();
        streamReply(conversation, out::append, cancellation);
        return out.toString();
    }
}
