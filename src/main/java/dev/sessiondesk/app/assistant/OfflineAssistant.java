package dev.sessiondesk.app.assistant;

import dev.sessiondesk.model.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The default assistant: no network, no key. It answers every message with a clearly labelled demo
 * reply that depends only on the conversation (the same question gets the same answer), streamed
 * word by word with a small delay so the app behaves exactly as with a real model.
 */
public final class OfflineAssistant implements Assistant {
    public static final String LABEL = "[Offline demo reply]";
    private static final int EXCERPT_CHARS = 120;

    private final Duration delayPerToken;

    public OfflineAssistant(Duration delayPerToken) {
        this.delayPerToken = delayPerToken;
    }

    public OfflineAssistant() {
        this(Duration.ofMillis(30));
    }

    @Override
    public void streamReply(List<ChatTurn> conversation, DeltaSink sink, Cancellation cancellation)
            throws AssistantException {
        for (String token : tokens(replyTo(conversation))) {
            if (cancellation.isCancelled()) {
                return;
            }
            sink.delta(token);
            pause();
        }
    }

    /** The full demo reply to a conversation: deterministic, labelled, naming how to connect a model. */
    public static String replyTo(List<ChatTurn> conversation) {
        String lastUser = "";
        int userTurns = 0;
        for (ChatTurn turn : conversation) {
            if (turn.role() == Role.USER) {
                lastUser = turn.text();
                userTurns++;
            }
        }
        String oneLine = lastUser.strip().replaceAll("\\s+", " ");
        if (oneLine.isEmpty()) {
            return LABEL + " Say something and this demo assistant will answer.";
        }
        String excerpt = oneLine.length() <= EXCERPT_CHARS ? oneLine : oneLine.substring(0, EXCERPT_CHARS) + "…";
        int words = oneLine.split(" ").length;
        return LABEL + " No assistant is connected, so this is a demo answer to message " + userTurns
                + " (" + words + (words == 1 ? " word" : " words") + "): \u201c" + excerpt + "\u201d. "
                + "It was saved while it streamed, like a real reply. To talk to a model, set an endpoint in "
                + "Preferences or SESSIONDESK_ENDPOINT (for example http://localhost:11434/v1 for Ollama).";
    }

    /** Words with their following space, so joining the tokens gives back the text exactly. */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    private void pause() throws AssistantException {
        if (delayPerToken.isZero()) {
            return;
        }
        try {
            Thread.sleep(delayPerToken.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssistantException(AssistantException.Kind.IO, "the offline demo reply was interrupted", e);
        }
    }

    @Override
    public String describe() {
        return "the offline demo assistant";
    }

    @Override
    public boolean writesTitles() {
        return false;
    }
}
