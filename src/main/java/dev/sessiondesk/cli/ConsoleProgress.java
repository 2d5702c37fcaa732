package dev.sessiondesk.cli;

import dev.sessiondesk.app.backup.Progress;
import java.io.PrintWriter;

/**
 * Progress on a terminal: one line on stderr rewritten in place. Silent when the output is not a
 * terminal (scripts, installers, tests), so piped output stays clean.
 */
final class ConsoleProgress implements Progress {
    private final PrintWriter err;
    private final boolean enabled;
    private int lastPercent = -1;
    private boolean drawn;

    ConsoleProgress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    static ConsoleProgress onTerminal(PrintWriter err) {
        return new ConsoleProgress(err, System.console() != null);
    }

    @Override
    public synchronized void update(double fraction, String message) {
        if (!enabled) {
            return;
        }
        int percent = (int) Math.round(Math.max(0, Math.min(1, fraction)) * 100);
        if (percent == lastPercent && percent != 100) {
            return;
        }
        lastPercent = percent;
        int filled = percent / 5;
        String line = "[" + "#".repeat(filled) + " ".repeat(20 - filled) + "] " + String.format("%3d%% ", percent) + message;
        err.print("\r" + (line.length() > 100 ? line.substring(0, 100) : String.format("%-100s", line)));
        err.flush();
        drawn = true;
    }

    /** Ends the progress line so what follows starts on a fresh line. */
    synchronized void done() {
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }
}
