package dev.sessiondesk.app.tasks;

/**
 * How far a task got, reported from its worker thread; {@link BackgroundTask} hands each report to
 * the callback thread. {@code fraction} runs from 0 to 1; {@code message} says what is being done.
 */
@FunctionalInterface
public interface TaskProgress {
    void update(double fraction, String message);
}
