package dev.sessiondesk.model;

import java.util.Locale;

/** Who wrote a message, in Goose's wire spelling. */
public enum Role {
    USER, ASSISTANT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWire(String value) {
        if (value != null) {
            for (Role r : values()) {
                if (r.wire().equals(value)) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException("role must be \"user\" or \"assistant\", not " + (value == null ? "missing" : "\"" + value + "\""));
    }
}
