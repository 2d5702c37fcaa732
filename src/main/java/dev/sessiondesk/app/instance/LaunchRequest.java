package dev.sessiondesk.app.instance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A GUI launch's arguments: {@code [--data-dir DIR] [--open SESSION_ID]}. A second launch sends
 * these to the running app, which opens a new window (or the given session).
 */
public record LaunchRequest(Path dataDir, String openSessionId) {

    /** Reads the GUI options from {@code args}, passing over anything else (forwarded launches, tests). */
    public static LaunchRequest parse(List<String> args) {
        return read(args, false).orElseThrow();
    }

    /**
     * The request when {@code args} hold nothing but GUI options (so this launch opens the app);
     * empty when anything else is there, which makes it a command-line run.
     */
    public static Optional<LaunchRequest> ofGuiLaunch(List<String> args) {
        return read(args, true);
    }

    private static Optional<LaunchRequest> read(List<String> args, boolean onlyGuiOptions) {
        Path dataDir = null;
        String open = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--data-dir") && i + 1 < args.size()) {
                dataDir = Path.of(args.get(++i));
            } else if (a.startsWith("--data-dir=")) {
                dataDir = Path.of(a.substring("--data-dir=".length()));
            } else if (a.equals("--open") && i + 1 < args.size()) {
                open = args.get(++i);
            } else if (a.startsWith("--open=")) {
                open = a.substring("--open=".length());
            } else if (onlyGuiOptions) {
                return Optional.empty();
            }
        }
        return Optional.of(new LaunchRequest(dataDir, open == null || open.isBlank() ? null : open.trim()));
    }

    /** What the running app needs to hear (the data folder is the same by construction). */
    public List<String> forwardedArguments() {
        List<String> out = new ArrayList<>();
        if (openSessionId != null) {
            out.add("--open");
            out.add(openSessionId);
        }
        return out;
    }
}
