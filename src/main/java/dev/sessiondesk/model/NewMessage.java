package dev.sessiondesk.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A message as a caller hands it to the store: everything that is hashed.
 * {@code contentJson} must be a JSON array of content items; the store canonicalises it.
 */
public record NewMessage(
        String messageId,
        Role role,
        long created,
        String contentJson,
        boolean userVisible,
        boolean agentVisible) {

    public NewMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(contentJson, "contentJson");
    }

    /** A visible plain-text message created now. */
    public static NewMessage text(Role role, String text) {
        return new NewMessage(null, role, Instant.now().getEpochSecond(), ContentItems.textArray(text), true, true);
    }
}
