package dev.sessiondesk.cli;

import java.io.PrintWriter;

/**
 * Standard output could not be written (a full disk, a closed pipe): the command stops and exits 1
 * with one line, instead of exit 0 with its output lost. What it committed before stays committed.
 */
final class StdoutFailure extends CliFailure {
    static final int EXIT = 1;
    static final String MESSAGE = "cannot write to standard output (disk full, closed pipe or device error);"
            + " what the command saved before is kept";
    /** Set once the failure was reported, so the entry point does not report it twice. */
    static volatile boolean reported;

    StdoutFailure() {
        super(MESSAGE);
    }

    /** Throws when {@code out} has failed: call after each line a script relies on (acknowledgements). */
    static void check(PrintWriter out) {
        if (out.checkError()) {
            throw new StdoutFailure();
        }
    }
}
