package dev.sessiondesk.ui.chat;

import dev.sessiondesk.app.windows.Finding;
import dev.sessiondesk.app.windows.FingerprintCheck;
import dev.sessiondesk.ui.i18n.Texts;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A window's banner in the user's words: the session's title, the message's number and time, and
 * what changed ("“Trip to Lisbon” was changed outside SessionDesk — message 2 of 14, sent 1 Dec 14:02:
 * its text was changed after it was saved"), never the store's ids and hashes.
 */
public final class BannerText {
    private static final Texts TEXTS = Texts.of("recovery");

    private BannerText() {
    }

    /** The banner for a remembered session that failed its check. */
    public static Banner of(String sessionId, FingerprintCheck.Result result) {
        Finding f = result.finding();
        if (f == null || f.change() == Finding.Change.SESSION_MISSING) {
            return new Banner(sessionId, TEXTS.get("banner.missing.headline"), TEXTS.get("banner.missing.detail"), f);
        }
        String title = f.title() == null || f.title().isBlank() ? TEXTS.get("banner.untitled") : f.title();
        String change = TEXTS.get("banner.change." + f.change().name());
        String detail = f.sentAt() == null
                ? TEXTS.get("banner.whereNoTime", f.seq(), f.messageCount(), change)
                : TEXTS.get("banner.where", f.seq(), f.messageCount(), sent(f.sentAt()), change);
        return new Banner(sessionId, TEXTS.get("banner.changed.headline", title), detail, f);
    }

    /** The status line while the banner waits for the user. */
    public static String waiting(FingerprintCheck.Result result) {
        Finding f = result.finding();
        return f == null || f.title() == null || f.title().isBlank() ? TEXTS.get("banner.waitingUntitled")
                : TEXTS.get("banner.waiting", f.title());
    }

    /** "1 Dec 14:02" in the user's language and time zone. */
    static String sent(long epochSeconds) {
        Locale locale = Locale.getDefault();
        return DateTimeFormatter.ofPattern(TEXTS.get("banner.sentPattern"), locale).withZone(ZoneId.systemDefault())
                .format(Instant.ofEpochSecond(epochSeconds));
    }
}
