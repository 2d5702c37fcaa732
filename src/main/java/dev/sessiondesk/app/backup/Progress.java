package dev.sessiondesk.app.backup;

import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.app.text.Wording;

/**
 * How long work reports how far it got, for a progress bar in the UI or a line on a terminal.
 * {@code fraction} runs from 0 to 1; {@code message} says what is being done. Called on the
 * working thread: a UI implementation hands it to its own thread.
 *
 * <p>Work says what it does as a {@link UserText}; the progress says it in its {@link #wording()}:
 * English on a terminal, the user's language behind a progress dialog ({@link #saying}).
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void update(double fraction, String message) {
        }

        @Override
        public void update(double fraction, UserText message) {
            // nobody watches: not even worth saying
        }
    };

    void update(double fraction, String message);

    default void update(double fraction, UserText message) {
        update(fraction, wording().say(message));
    }

    /** The language this progress is shown in (the CLI's English unless made with {@link #saying}). */
    default Wording wording() {
        return Wording.english();
    }

    /** {@code to}, showing every message in the words of {@code wording}. */
    static Progress saying(Wording wording, Progress to) {
        return new Progress() {
            @Override
            public void update(double fraction, String message) {
                to.update(fraction, message);
            }

            @Override
            public Wording wording() {
                return wording;
            }
        };
    }

    /** This progress seen as a part of a larger job: 0..1 here maps to {@code from..to} there. */
    default Progress part(double from, double to) {
        Progress whole = this;
        return new Progress() {
            @Override
            public void update(double fraction, String message) {
                whole.update(from + (to - from) * Math.max(0, Math.min(1, fraction)), message);
            }

            @Override
            public Wording wording() {
                return whole.wording();
            }
        };
    }
}
