package dev.sessiondesk.app.tasks;

import java.util.concurrent.Executor;

/**
 * Where background work runs and where its results are delivered. The GUI pairs a pool with the FX
 * thread ({@code Platform::runLater}); tests pair a same-thread executor with itself so every step
 * happens, in order, before the call returns.
 */
public record TaskRunner(Executor background, Executor callbacks) {

    public static TaskRunner sameThread() {
        Executor direct = Runnable::run;
        return new TaskRunner(direct, direct);
    }
}
