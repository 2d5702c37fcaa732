package dev.sessiondesk.app.instance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A GUI launch's arguments: {@code [--data-dir DIR] [--open SESSION_ID]}. A second launch sends
 * these to the running app, which opens a new window (or the given session).
 */
public record LaunchRequest(Path dataDir, String openSessionId) {

    public static LaunchRequest parse(List<String> args) {
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
            }
        }
        return new LaunchRequest(dataDir, open == null || open.isBlank() ? null : open.trim());
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
