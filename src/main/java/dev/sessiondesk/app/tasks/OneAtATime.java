package dev.sessiondesk.app.tasks;

import java.util.function.Consumer;

/**
 * A refresh that runs at most once at a time: requests made while it runs fold into one more run
 * after it, so an older read never overwrites a newer one and a flood of requests costs two reads.
 * Not thread-safe: request and finish on the callback thread (the FX thread in the app).
 */
public final class OneAtATime {
    private final Consumer<Runnable> run;
    private boolean running;
    private boolean again;

    /** @param run starts one run and calls the given {@code finished} exactly once when it is over */
    public OneAtATime(Consumer<Runnable> run) {
        this.run = run;
    }

    public void request() {
        if (running) {
            again = true;
            return;
        }
        running = true;
        run.accept(this::finished);
    }

    private void finished() {
        running = false;
        if (again) {
            again = false;
            request();
        }
    }
}
