package dev.sessiondesk.app.importer;

import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.app.text.Wording;

/**
 * Something an import could not take, located precisely: {@code where} is "file:line",
 * "file $.json.path" or "sessions.db session X message row N"; {@code why} says what, in any
 * language ({@link Wording}).
 */
public record ImportProblem(String where, UserText why) {
    /** A reason that is worded already (a JSON path and what it must be, a message from the parser). */
    public ImportProblem(String where, String reason) {
        this(where, UserText.plain(reason));
    }

    /** The reason in the CLI's English. */
    public String reason() {
        return Wording.english().say(why);
    }

    /** "where: reason" in the words of {@code wording}. */
    public UserText text() {
        return where.isEmpty() ? why : UserText.of("import", "problem", where, why);
    }

    @Override
    public String toString() {
        return Wording.english().say(text());
    }
}
