package dev.sessiondesk.app.backup;

/**
 * How long work reports how far it got, for a progress bar in the UI or a line on a terminal.
 * {@code fraction} runs from 0 to 1; {@code message} says what is being done. Called on the
 * working thread: a UI implementation hands it to its own thread.
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = (fraction, message) -> { };

    void update(double fraction, String message);

    /** This progress seen as a part of a larger job: 0..1 here maps to {@code from..to} there. */
    default Progress part(double from, double to) {
        return (fraction, message) -> update(from + (to - from) * Math.max(0, Math.min(1, fraction)), message);
    }
}
