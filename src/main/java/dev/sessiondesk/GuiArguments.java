package dev.sessiondesk;

import java.util.Set;

/** Tells a GUI launch ({@code [--data-dir DIR] [--open ID]}) from a CLI command line. */
final class GuiArguments {
    private static final Set<String> GUI_OPTIONS_WITH_VALUE = Set.of("--data-dir", "--open");

    private GuiArguments() {
    }

    static boolean isGuiLaunch(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (GUI_OPTIONS_WITH_VALUE.contains(a)) {
                i++; // skip its value
            } else if (a.startsWith("--data-dir=") || a.startsWith("--open=")) {
                continue;
            } else {
                return false;
            }
        }
        return true;
    }
}
