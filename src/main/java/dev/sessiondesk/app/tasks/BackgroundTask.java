package dev.sessiondesk.app.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way to run work off the UI thread and tell the UI:
 * {@code BackgroundTask.supply("load x", () -> load()).onSuccess(show).onError(IOException.class, sayWhy).executeWith(runner)}.
 * The work runs on the runner's background executor; exactly one of success, the first matching
 * error handler, or {@link #onCancelled} runs on its callback executor (the FX thread in the app),
 * with the cause unwrapped; then {@link #onFinally}. Progress the work reports reaches
 * {@link #onProgress} on the callback executor too. {@link #cancel()} interrupts the work.
 */
public final class BackgroundTask<T> {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundTask.class);

    /** Work that may throw, like {@link Callable}, but without a result. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /** Work that reports how far it got. */
    @FunctionalInterface
    public interface ProgressWork<T> {
        T run(TaskProgress progress) throws Exception;
    }

    private record ErrorHandler<E extends Throwable>(Class<E> type, Consumer<? super E> handler) {
        boolean handles(Throwable error) {
            return type.isInstance(error);
        }

        void accept(Throwable error) {
            handler.accept(type.cast(error));
        }
    }

    private final String what;
    private final ProgressWork<T> work;
    private Consumer<? super T> onSuccess = r -> { };
    private final List<ErrorHandler<?>> onError = new ArrayList<>();
    private TaskProgress onProgress = (fraction, message) -> { };
    private Runnable onCancelled = () -> { };
    private Runnable onFinally = () -> { };
    private volatile boolean cancelled;
    private volatile Thread worker;

    private BackgroundTask(String what, ProgressWork<T> work) {
        this.what = what;
        this.work = Objects.requireNonNull(work);
    }

    public static <T> BackgroundTask<T> supply(String what, Callable<T> work) {
        Objects.requireNonNull(work);
        return new BackgroundTask<>(what, progress -> work.call());
    }

    public static BackgroundTask<Void> run(String what, Work work) {
        Objects.requireNonNull(work);
        return new BackgroundTask<>(what, progress -> {
            work.run();
            return null;
        });
    }

    /** Work that reports progress; see {@link #onProgress}. */
    public static <T> BackgroundTask<T> withProgress(String what, ProgressWork<T> work) {
        return new BackgroundTask<>(what, work);
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> handler) {
        this.onSuccess = Objects.requireNonNull(handler);
        return this;
    }

    /** Handles errors of {@code type} (checked in the order given); the others go to a later handler. */
    public <E extends Throwable> BackgroundTask<T> onError(Class<E> type, Consumer<? super E> handler) {
        onError.add(new ErrorHandler<>(Objects.requireNonNull(type), Objects.requireNonNull(handler)));
        return this;
    }

    /** Handles every error no typed handler took. Without any handler, errors are logged with their stack. */
    public BackgroundTask<T> onError(Consumer<Throwable> handler) {
        return onError(Throwable.class, handler);
    }

    /** Receives the work's progress reports, on the callback executor. */
    public BackgroundTask<T> onProgress(TaskProgress handler) {
        this.onProgress = Objects.requireNonNull(handler);
        return this;
    }

    /** Runs instead of success or error when the task was cancelled before its outcome was delivered. */
    public BackgroundTask<T> onCancelled(Runnable handler) {
        this.onCancelled = Objects.requireNonNull(handler);
        return this;
    }

    /** Runs after the success, error or cancel callback, on the callback executor. */
    public BackgroundTask<T> onFinally(Runnable handler) {
        this.onFinally = Objects.requireNonNull(handler);
        return this;
    }

    /** Asks the work to stop: its thread is interrupted and its outcome is not delivered; {@link #onCancelled} runs. */
    public void cancel() {
        cancelled = true;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Starts the work; the returned future completes (with the work's outcome) after the callbacks ran. */
    public CompletableFuture<T> executeWith(TaskRunner runner) {
        CompletableFuture<T> done = new CompletableFuture<>();
        TaskProgress relay = (fraction, message) -> runner.callbacks().execute(() -> {
            if (!cancelled) {
                onProgress.update(fraction, message);
            }
        });
        CompletableFuture.supplyAsync(() -> {
            if (cancelled) {
                throw new CancellationException(what + " was cancelled before it started");
            }
            worker = Thread.currentThread();
            try {
                return work.run(relay);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            } finally {
                worker = null;
                Thread.interrupted(); // a cancel must not leak its interrupt into the pool's next task
            }
        }, runner.background()).whenComplete((result, error) -> runner.callbacks().execute(() -> deliver(result,
                unwrap(error), done)));
        return done;
    }

    private void deliver(T result, Throwable cause, CompletableFuture<T> done) {
        try {
            if (cancelled) {
                onCancelled.run();
            } else if (cause == null) {
                onSuccess.accept(result);
            } else {
                handle(cause);
            }
        } catch (RuntimeException e) {
            LOG.error("callback of background task failed: {}", what, e);
        } finally {
            onFinally.run();
        }
        if (cancelled) {
            done.completeExceptionally(new CancellationException(what + " was cancelled"));
        } else if (cause == null) {
            done.complete(result);
        } else {
            done.completeExceptionally(cause);
        }
    }

    private void handle(Throwable cause) {
        for (ErrorHandler<?> h : onError) {
            if (h.handles(cause)) {
                h.accept(cause);
                return;
            }
        }
        LOG.error("background task failed: {}: {}", what, cause.toString(), cause);
    }

    /** The cause inside the wrappers a future adds. */
    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
