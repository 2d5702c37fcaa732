package dev.sessiondesk.app.text;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A sentence that app/ produces for a person, not yet in any language: the bundle area and key
 * ({@code dev/sessiondesk/app/text/<area>.properties}) and the arguments. The GUI says it in the
 * user's language, the CLI in the English it has always printed ({@link Wording}). Arguments may be
 * numbers (formatted by the locale; choice plurals), {@link java.time.Instant}s (dates by the locale),
 * other {@code UserText}s (said in the same language) or anything else (its {@code toString()}).
 *
 * <p>{@link #plain(String)} carries text that is already worded elsewhere and has no translation:
 * a file name, an operating system's or SQLite's own message.
 */
public record UserText(String area, String key, List<Object> args) {
    public UserText {
        Objects.requireNonNull(key);
        args = List.copyOf(args.stream().map(a -> a == null ? "—" : a).toList()); // never "null" on screen
    }

    /** The sentence {@code key} of {@code area} with {@code args}. */
    public static UserText of(String area, String key, Object... args) {
        return new UserText(Objects.requireNonNull(area), key, Arrays.asList(args));
    }

    /** Text that is the same in every language (a name, a path, a message from outside SessionDesk). */
    public static UserText plain(String text) {
        return new UserText(null, text == null ? "" : text, List.of());
    }

    public boolean isPlain() {
        return area == null;
    }

    /** The English the CLI prints, e.g. for logs and {@code assertThat(...).as(...)} descriptions. */
    @Override
    public String toString() {
        return Wording.english().say(this);
    }
}
