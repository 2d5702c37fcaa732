package dev.sessiondesk.ui;

import dev.sessiondesk.app.client.OpenStore;
import dev.sessiondesk.app.importer.goose.GooseSessionsFinder;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskRunner;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What runs once the windows are up, in the background: the first-run Goose offer, then the daily
 * backup and following the agent projects. Results reach the FX thread only while the store they
 * were about is still the open one (a restore may have replaced it meanwhile).
 */
final class StartupChores {
    private volatile CompletableFuture<Void> done = CompletableFuture.completedFuture(null);

    /**
     * @param stillOpen true while {@code opened} is the client's open store
     * @param offer     shows the Goose import offer
     * @param report    shows the sentences of the backup and the agent scan, when there are any
     */
    void start(OpenStore opened, TaskRunner tasks, BooleanSupplier stillOpen,
               Consumer<GooseSessionsFinder.Finding> offer, Consumer<List<String>> report) {
        done = BackgroundTask.supply("look for Goose sessions to offer", opened.commands()::pendingGooseOffer)
                .onSuccess(found -> found.filter(f -> stillOpen.getAsBoolean()).ifPresent(offer))
                .executeWith(tasks)
                .handle((found, error) -> null)
                .thenCompose(none -> BackgroundTask.supply("start-up maintenance", opened::runStartMaintenance)
                        .onSuccess(notes -> {
                            if (!notes.isEmpty() && stillOpen.getAsBoolean()) {
                                report.accept(notes);
                            }
                        })
                        .executeWith(tasks))
                .handle((notes, error) -> null);
    }

    /** For tests: waits until the Goose check, the backup and the agent scan have finished. */
    void await() throws InterruptedException {
        try {
            done.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the start-up maintenance did not finish", e);
        }
    }
}
