package dev.sessiondesk.app.title;

import dev.sessiondesk.app.assistant.Assistant;
import dev.sessiondesk.app.assistant.AssistantException;
import dev.sessiondesk.app.assistant.Cancellation;
import dev.sessiondesk.app.assistant.ChatTurn;
import dev.sessiondesk.app.assistant.SessionTitler;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.TitleSource;
import dev.sessiondesk.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names a session after its first exchange, in the background (promise P5). The task captures the
 * session <em>id</em> when it starts — never "the window's current session", which may change while
 * the assistant thinks — and writes with the store's compare-and-set
 * {@code setAutoTitle(id, NONE, title)}: if the user renamed the session meanwhile (title source
 * {@code user}) or another task titled it first, nothing is written. A trashed session keeps the title
 * it earned, ready for a restore; a purged one is simply not found.
 */
public final class TitleService implements SessionTitler {
    private static final Logger LOG = LoggerFactory.getLogger(TitleService.class);
    private static final int EXCERPT = 1000;

    private final Store store;
    private final Supplier<Assistant> assistants;
    private final Executor background;
    private final Duration timeout;

    public TitleService(Store store, Supplier<Assistant> assistants, Executor background, Duration timeout) {
        this.store = store;
        this.assistants = assistants;
        this.background = background;
        this.timeout = timeout;
    }

    public TitleService(Store store, Supplier<Assistant> assistants, Executor background) {
        this(store, assistants, background, Duration.ofSeconds(30));
    }

    /**
     * Titles the session if it has no title yet. Completes with the title written, or empty when none
     * was (already titled, renamed by the user meanwhile, nothing to title, or the session is gone).
     */
    @Override
    public CompletableFuture<Optional<String>> titleIfUntitled(String sessionId) {
        final String capturedId = sessionId; // the only session this task may ever write to
        Assistant assistant = assistants.get();
        return CompletableFuture.supplyAsync(() -> titleNow(capturedId, assistant), background);
    }

    private Optional<String> titleNow(String capturedId, Assistant assistant) {
        Optional<Session> before = store.sessions().get(capturedId);
        if (before.isEmpty() || before.get().titleSource() != TitleSource.NONE) {
            return Optional.empty();
        }
        List<Message> opening = store.messages().list(capturedId, 1, 6);
        String firstUser = firstText(opening, Role.USER);
        if (firstUser.isBlank()) {
            return Optional.empty();
        }
        String title = assistant.writesTitles() ? suggest(assistant, firstUser, firstText(opening, Role.ASSISTANT)) : "";
        if (title.isBlank()) {
            title = TitleText.fromFirstMessage(firstUser);
        }
        if (title.isBlank()) {
            return Optional.empty();
        }
        boolean written = store.sessions().setAutoTitle(capturedId, TitleSource.NONE, title);
        if (!written) {
            LOG.info("automatic title for session {} not written: it was titled meanwhile", capturedId);
        }
        return written ? Optional.of(title) : Optional.empty();
    }

    private String suggest(Assistant assistant, String firstUser, String firstReply) {
        String prompt = "Write a title of at most six words for this conversation. Answer with the title only.\n\n"
                + "User: " + excerpt(firstUser) + (firstReply.isBlank() ? "" : "\n\nAssistant: " + excerpt(firstReply));
        Cancellation cancellation = new Cancellation();
        CompletableFuture.runAsync(cancellation::cancel,
                CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        try {
            String answer = assistant.complete(List.of(ChatTurn.user(prompt)), cancellation);
            return cancellation.isCancelled() ? "" : TitleText.fromSuggestion(answer);
        } catch (AssistantException e) {
            LOG.info("{} could not suggest a title ({}); using the first message", assistant.describe(), e.getMessage());
            return "";
        } finally {
            cancellation.cancel(); // ends the timer's purpose; a finished request ignores it
        }
    }

    private static String firstText(List<Message> messages, Role role) {
        return messages.stream().filter(m -> m.role() == role && m.userVisible())
                .map(m -> ContentItems.plainText(m.contentJson())).filter(t -> !t.isBlank()).findFirst().orElse("");
    }

    private static String excerpt(String text) {
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
    }
}
