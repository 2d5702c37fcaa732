package dev.sessiondesk.ui.theme;

/** What the user picked in View → Theme: a fixed theme, or whatever the desktop prefers. */
public enum ThemeChoice {
    LIGHT,
    DARK,
    SYSTEM;

    /** The theme to show, given whether the desktop asks for dark colours. */
    public Theme resolve(boolean desktopPrefersDark) {
        return switch (this) {
            case LIGHT -> Theme.LIGHT;
            case DARK -> Theme.DARK;
            case SYSTEM -> desktopPrefersDark ? Theme.DARK : Theme.LIGHT;
        };
    }
}
