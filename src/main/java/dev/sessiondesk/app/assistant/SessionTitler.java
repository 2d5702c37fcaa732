package dev.sessiondesk.app.assistant;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What {@link ReplyService} calls after a completed reply so an untitled session gets a title
 * ({@code app.title.TitleService}); an interface here keeps the packages free of cycles.
 */
@FunctionalInterface
public interface SessionTitler {
    /** Completes with the title written, or empty when none was. */
    CompletableFuture<Optional<String>> titleIfUntitled(String sessionId);
}
