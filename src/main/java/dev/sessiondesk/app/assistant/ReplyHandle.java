package dev.sessiondesk.app.assistant;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A reply in progress: stop it, wait for it, or ask what it has so far. */
public final class ReplyHandle {
    private final String sessionId;
    private final Cancellation cancellation = new Cancellation();
    private final CompletableFuture<ReplyOutcome> done = new CompletableFuture<>();
    private final CompletableFuture<Optional<String>> title = new CompletableFuture<>();
    private volatile ReplyState state = ReplyState.SAVING;
    private volatile boolean closing;

    ReplyHandle(String sessionId) {
        this.sessionId = sessionId;
    }

    public String sessionId() {
        return sessionId;
    }

    /** Stop: the assistant is cancelled; what arrived is kept and marked stopped. */
    public void stop() {
        cancellation.cancel();
    }

    /** Completes when the reply has ended and its final state is committed. */
    public CompletableFuture<ReplyOutcome> done() {
        return done;
    }

    /**
     * Completes with the automatic title written after this reply, or empty when none was written
     * (the session already had a title, the reply failed, or the title lost a race to the user).
     */
    public CompletableFuture<Optional<String>> title() {
        return title;
    }

    public ReplyState state() {
        return state;
    }

    void state(ReplyState s) {
        state = s;
    }

    Cancellation cancellation() {
        return cancellation;
    }

    /** The app is closing: cancel, and end the partial as interrupted (not stopped) so it offers Continue. */
    void interruptForShutdown() {
        closing = true;
        cancellation.cancel();
    }

    boolean closing() {
        return closing;
    }

    CompletableFuture<ReplyOutcome> doneFuture() {
        return done;
    }

    CompletableFuture<Optional<String>> titleFuture() {
        return title;
    }
}
