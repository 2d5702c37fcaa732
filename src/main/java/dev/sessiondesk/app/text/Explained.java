package dev.sessiondesk.app.text;

/**
 * A failure whose message is for people: {@link #userText()} is it in no language yet (a window says
 * it in the user's), while {@code getMessage()} keeps the English the CLI prints and the log records.
 */
public interface Explained {
    UserText userText();

    /** What a window shows for {@code failure}: its {@link UserText}, or its message as written. */
    static UserText of(Throwable failure) {
        if (failure instanceof Explained e) {
            return e.userText();
        }
        return UserText.plain(failure == null ? null : failure.getMessage());
    }
}
