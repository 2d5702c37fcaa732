package dev.sessiondesk.app.text;

import java.text.DecimalFormat;
import java.text.Format;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Says a {@link UserText} in one language. The GUI uses {@link #current()} (the user's locale, set
 * once at start); the CLI uses {@link #english()}, which prints exactly what it printed before these
 * texts had bundles: English, numbers without grouping, instants as ISO-8601. Its output is read by
 * scripts and tests, so it does not follow the desktop's language.
 */
public final class Wording {
    private static final String BASE = "dev.sessiondesk.app.text.";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final Wording ENGLISH = new Wording(Locale.ROOT, true);

    private final Locale locale;
    /** The CLI's English: {@code 12345}, not {@code 12,345}; {@code 2026-12-01T14:02:00Z}. */
    private final boolean asTheCliPrints;

    private Wording(Locale locale, boolean asTheCliPrints) {
        this.locale = locale;
        this.asTheCliPrints = asTheCliPrints;
    }

    /** The CLI's words: the English bundles, numbers and times as the CLI has always printed them. */
    public static Wording english() {
        return ENGLISH;
    }

    /** The words of {@code locale}, falling back to English for a language SessionDesk does not speak. */
    public static Wording of(Locale locale) {
        return new Wording(locale, false);
    }

    /** The user's language (the JVM's default locale, which the GUI sets at start). */
    public static Wording current() {
        return of(Locale.getDefault());
    }

    public Locale locale() {
        return locale;
    }

    public List<String> say(List<UserText> texts) {
        return texts.stream().map(this::say).toList();
    }

    public String say(UserText text) {
        if (text.isPlain()) {
            return text.key();
        }
        String pattern;
        try {
            pattern = ResourceBundle.getBundle(BASE + text.area(), locale, NO_FALLBACK).getString(text.key());
        } catch (MissingResourceException e) {
            // A missing key is a bug AppTextsTest catches; never show "null" to the user.
            return "!" + text.area() + "." + text.key() + "!";
        }
        Object[] args = text.args().stream().map(this::argument).toArray();
        Locale formatLocale = asTheCliPrints ? Locale.US : locale;
        MessageFormat format = new MessageFormat(pattern, formatLocale);
        if (asTheCliPrints) {
            ungroup(format, pattern, args);
        }
        return format.format(args);
    }

    private Object argument(Object a) {
        if (a instanceof UserText t) {
            return say(t);
        }
        if (a instanceof Instant when) {
            return asTheCliPrints ? when.toString()
                    : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                            .withZone(ZoneId.systemDefault()).format(when);
        }
        return a instanceof Number || a instanceof String ? a : String.valueOf(a);
    }

    /**
     * Numbers as {@code String.valueOf} writes them (the CLI's output before bundles): each top-level
     * {@code {n}} or {@code {n,number…}} of a number loses its digit grouping. Formats are set per
     * element, so a choice on the same argument ({@code {0} {0,choice,…}}) stays a choice.
     */
    private static void ungroup(MessageFormat format, String pattern, Object[] args) {
        Format[] elements = format.getFormats();
        List<Integer> argumentOf = topLevelArguments(pattern);
        for (int i = 0; i < Math.min(elements.length, argumentOf.size()); i++) {
            int a = argumentOf.get(i);
            if (a >= args.length || !(args[a] instanceof Number)) {
                continue;
            }
            if (elements[i] == null) {
                NumberFormat plain = NumberFormat.getInstance(Locale.US);
                plain.setGroupingUsed(false);
                plain.setMaximumFractionDigits(340);
                format.setFormat(i, plain);
            } else if (elements[i] instanceof DecimalFormat d) {
                DecimalFormat plain = (DecimalFormat) d.clone();
                plain.setGroupingUsed(false);
                format.setFormat(i, plain);
            }
        }
    }

    /** The argument number of each top-level format element, in the order MessageFormat lists them. */
    static List<Integer> topLevelArguments(String pattern) {
        List<Integer> out = new ArrayList<>();
        boolean quoted = false;
        int depth = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'' && depth == 0) {
                quoted = !quoted;
            } else if (!quoted && c == '{') {
                if (depth == 0) {
                    int j = i + 1;
                    while (j < pattern.length() && Character.isWhitespace(pattern.charAt(j))) {
                        j++;
                    }
                    int start = j;
                    while (j < pattern.length() && Character.isDigit(pattern.charAt(j))) {
                        j++;
                    }
                    out.add(j > start ? Integer.parseInt(pattern.substring(start, j)) : -1);
                }
                depth++;
            } else if (!quoted && c == '}' && depth > 0) {
                depth--;
            }
        }
        return out;
    }
}
