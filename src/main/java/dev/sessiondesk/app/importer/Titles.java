package dev.sessiondesk.app.importer;

import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import java.util.List;

/** Title clean-up shared by the readers. */
public final class Titles {
    private static final int MAX_DERIVED = 80;

    private Titles() {
    }

    /** Goose descriptions may contain newlines and runs of spaces: one line, single spaces. */
    public static String collapseWhitespace(String text) {
        if (text == null) {
            return null;
        }
        String collapsed = text.replaceAll("\\s+", " ").strip();
        return collapsed.isEmpty() ? null : collapsed;
    }

    /** A title for a source that has none: the first line of the first user text, shortened. */
    public static String fromFirstUserText(List<NewMessage> messages) {
        for (NewMessage m : messages) {
            // Only what the user saw: agent-only prompts ("Reply with only a description …") never title a session.
            if (m.role() == Role.USER && m.userVisible()) {
                String text = collapseWhitespace(ContentItems.plainText(m.contentJson()));
                if (text != null) {
                    return text.length() <= MAX_DERIVED ? text : text.substring(0, MAX_DERIVED - 1).strip() + "…";
                }
            }
        }
        return null;
    }
}
