package dev.sessiondesk.app.tasks;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small fluent wrapper for "do this off the UI thread, then tell the UI":
 * {@code BackgroundTask.supply(() -> load()).onSuccess(show).onError(report).executeWith(runner)}.
 * The work runs on the runner's background executor; exactly one of the callbacks runs on its
 * callback executor, with the cause unwrapped from any {@link CompletionException}.
 */
public final class BackgroundTask<T> {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundTask.class);

    /** Work that may throw, like {@link Callable}, but without a result. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    private final String what;
    private final Callable<T> work;
    private Consumer<? super T> onSuccess = r -> { };
    private Consumer<Throwable> onError;
    private Runnable onFinally = () -> { };

    private BackgroundTask(String what, Callable<T> work) {
        this.what = what;
        this.work = Objects.requireNonNull(work);
        this.onError = e -> LOG.error("background task failed: {}: {}", what, e.toString(), e);
    }

    public static <T> BackgroundTask<T> supply(String what, Callable<T> work) {
        return new BackgroundTask<>(what, work);
    }

    public static BackgroundTask<Void> run(String what, Work work) {
        return new BackgroundTask<>(what, () -> {
            work.run();
            return null;
        });
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> handler) {
        this.onSuccess = Objects.requireNonNull(handler);
        return this;
    }

    public BackgroundTask<T> onError(Consumer<Throwable> handler) {
        this.onError = Objects.requireNonNull(handler);
        return this;
    }

    /** Runs after the success or error callback, on the callback executor. */
    public BackgroundTask<T> onFinally(Runnable handler) {
        this.onFinally = Objects.requireNonNull(handler);
        return this;
    }

    /** Starts the work; the returned future completes (with the work's outcome) after the callbacks ran. */
    public CompletableFuture<T> executeWith(TaskRunner runner) {
        CompletableFuture<T> done = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, runner.background()).whenComplete((result, error) -> runner.callbacks().execute(() -> {
            Throwable cause = unwrap(error);
            try {
                if (cause == null) {
                    onSuccess.accept(result);
                } else {
                    onError.accept(cause);
                }
            } catch (RuntimeException e) {
                LOG.error("callback of background task failed: {}", what, e);
            } finally {
                onFinally.run();
            }
            if (cause == null) {
                done.complete(result);
            } else {
                done.completeExceptionally(cause);
            }
        }));
        return done;
    }

    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
