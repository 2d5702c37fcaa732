package dev.sessiondesk.ui.i18n;

import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.app.text.Wording;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * The user-visible strings of one area of the GUI, read from the resource bundle
 * {@code dev/sessiondesk/ui/i18n/<area>.properties} (English) and its translations
 * ({@code <area>_de.properties}, …). Each area of the UI keeps its own bundle so that features can
 * grow their strings side by side. Values are {@link MessageFormat} patterns, so plurals are written
 * with a choice format: {@code {0,choice,0#no messages|1#one message|1<{0,number,integer} messages}}.
 *
 * <p>The locale is the JVM's default, which the app sets once at start from the user's preference.
 */
public final class Texts {
    private static final String BASE = "dev.sessiondesk.ui.i18n.";
    private final String area;

    private Texts(String area) {
        this.area = Objects.requireNonNull(area);
    }

    /** The strings of {@code area}, e.g. {@code Texts.of("chat")}. */
    public static Texts of(String area) {
        return new Texts(area);
    }

    public String area() {
        return area;
    }

    /** A moment as the user's locale writes date and time: "Dec 1, 2026, 2:02 PM", "01.12.2026, 14:02". */
    public static String dateTime(Instant when) {
        if (when == null) {
            return "—"; // never "null" on screen
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(Locale.getDefault()).withZone(ZoneId.systemDefault()).format(when);
    }

    /** A sentence app/ produced ({@link UserText}), in the user's language. */
    public static String say(UserText text) {
        return Wording.current().say(text);
    }

    public static List<String> say(List<UserText> texts) {
        return Wording.current().say(texts);
    }

    /** The text for {@code key}, formatted with {@code args} in the current locale. */
    public String get(String key, Object... args) {
        Locale locale = Locale.getDefault();
        String pattern;
        try {
            pattern = ResourceBundle.getBundle(BASE + area, locale).getString(key);
        } catch (MissingResourceException e) {
            // A missing key is a bug the bundle test catches; never show "null" to the user.
            return "!" + area + "." + key + "!";
        }
        if (args.length == 0 && !pattern.contains("{")) {
            return pattern;
        }
        return new MessageFormat(pattern, locale).format(args);
    }
}
