package dev.sessiondesk.ui;

import dev.sessiondesk.app.client.OpenStore;
import dev.sessiondesk.app.importer.goose.GooseSessionsFinder;
import dev.sessiondesk.app.maintenance.StartupMaintenance;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.app.text.StoreWords;
import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.app.text.Wording;
import dev.sessiondesk.ui.chat.ChatWindow;
import dev.sessiondesk.ui.chat.StatusKind;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What runs once the windows are up, in the background, after the store check: live sync, the
 * first-run Goose offer, then the daily backup and following the agent projects. Results reach the FX thread only while the store they
 * were about is still the open one (a restore may have replaced it meanwhile).
 */
final class StartupChores {
    private static final Logger LOG = LoggerFactory.getLogger(StartupChores.class);
    private volatile CompletableFuture<Void> done = CompletableFuture.completedFuture(null);

    /**
     * @param after     what runs first (the store check); the chores wait for it, failed or not
     * @param stillOpen true while {@code opened} is the client's open store
     * @param offer     shows the Goose import offer
     * @param windows   the windows whose status bars hear of a backup or agent scan that went wrong
     */
    void start(CompletableFuture<?> after, OpenStore opened, TaskRunner tasks, BooleanSupplier stillOpen,
               Consumer<GooseSessionsFinder.Finding> offer, Supplier<List<ChatWindow>> windows) {
        String readOnly = opened.readOnly() ? Wording.current().say(StoreWords.readOnly(opened.readOnlyReason())) : null;
        for (String notice : new String[] {opened.assistantNotice(), readOnly}) {
            if (notice != null) {
                windows.get().forEach(w -> w.viewModel().status().report(StatusKind.ERROR, notice));
            }
        }
        CompletableFuture<?> checked = after.handle((r, error) -> null);
        // Live sync, when a server is set up: started off the FX thread (it connects), on an intact store.
        checked.thenRun(() -> BackgroundTask.run("start live sync", () -> opened.serverSync().start()).executeWith(tasks));
        done = checked
                .thenCompose(none -> BackgroundTask.supply("look for Goose sessions to offer",
                                opened.commands()::pendingGooseOffer)
                        .onSuccess(found -> found.filter(f -> stillOpen.getAsBoolean()).ifPresent(offer))
                        .executeWith(tasks))
                .handle((found, error) -> null)
                .thenCompose(none -> BackgroundTask.supply("start-up maintenance", opened::runStartMaintenance)
                        .onSuccess(notes -> {
                            if (!notes.isEmpty() && stillOpen.getAsBoolean()) {
                                report(notes, windows.get());
                            }
                        })
                        .executeWith(tasks))
                .handle((notes, error) -> null);
    }

    /** A backup that worked is routine: it goes to the log, not into the user's first words. */
    private static void report(List<UserText> notes, List<ChatWindow> windows) {
        if (notes.stream().anyMatch(StartupMaintenance::isProblem)) {
            String line = String.join(" · ", Wording.current().say(notes));
            windows.forEach(w -> w.viewModel().status().report(StatusKind.ERROR, line));
        } else {
            LOG.info("start-up maintenance: {}", String.join(" · ", Wording.english().say(notes)));
        }
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
