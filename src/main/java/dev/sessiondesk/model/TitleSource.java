package dev.sessiondesk.model;

import java.util.Locale;

/** Where a session's title came from; a {@link #USER} title is final and never overwritten by background work. */
public enum TitleSource {
    NONE, AUTO, USER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TitleSource fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
