package dev.sessiondesk.ui.sidebar;

import dev.sessiondesk.ui.i18n.Texts;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** When a session was last used, as the sidebar says it. */
final class ActivityText {
    private static final Texts T = Texts.of("sidebar");

    private ActivityText() {
    }

    /** "just now", "12 min ago", today's time, then the date, in the user's locale. */
    static String of(long epochMs, Instant now, ZoneId zone, Locale locale) {
        Instant then = Instant.ofEpochMilli(epochMs);
        Duration ago = Duration.between(then, now);
        if (ago.toMinutes() < 1) {
            return T.get("ago.now");
        }
        if (ago.toHours() < 1) {
            return T.get("ago.minutes", ago.toMinutes());
        }
        var at = then.atZone(zone);
        if (at.toLocalDate().equals(LocalDate.ofInstant(now, zone))) {
            return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(at);
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(at);
    }
}
