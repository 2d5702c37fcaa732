package dev.sessiondesk.app.tasks;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to an exception nothing caught: its stack goes to the log, and the error to whoever
 * can tell the user in one plain line (never a stack trace) — the GUI's status bars.
 */
public final class UncaughtExceptions implements Thread.UncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UncaughtExceptions.class);
    /** Logs only: for the CLI (which reports its own errors) and tests. */
    public static final UncaughtExceptions LOG_ONLY = new UncaughtExceptions(error -> { });

    private final Consumer<Throwable> tellUser;

    /** @param tellUser turns the error into one line for the user; called on the failing thread */
    public UncaughtExceptions(Consumer<Throwable> tellUser) {
        this.tellUser = tellUser;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        LOG.error("uncaught exception on thread {}", thread.getName(), error);
        try {
            tellUser.accept(error);
        } catch (RuntimeException e) {
            LOG.error("could not tell the user about the exception on {}", thread.getName(), e);
        }
    }
}
