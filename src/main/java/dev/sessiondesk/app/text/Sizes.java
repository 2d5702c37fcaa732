package dev.sessiondesk.app.text;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * File sizes inside sentences, as {@link UserText}s: the number is formatted by the language that
 * says it ("1.5 MB" in English, "1,5 MB" in German), while the CLI's English keeps what
 * {@code String.format(Locale.ROOT, "%.1f", …)} printed (tenths rounded half up, no grouping).
 */
public final class Sizes {
    private static final double MB = 1024.0 * 1024.0;

    private Sizes() {
    }

    /** Megabytes without the unit, as the import's limits say them: whole from 10 MB, else tenths ("1.5", "12"). */
    public static UserText megabytes(long bytes) {
        double mb = bytes / MB;
        return mb >= 10 ? UserText.of("size", "whole", Math.round(mb)) : UserText.of("size", "tenths", tenths(mb));
    }

    /** "12.4 MB" from one megabyte, else "640 KB" (at least 1 KB): an attachment's size. */
    public static UserText human(long bytes) {
        if (bytes >= 1024L * 1024) {
            return UserText.of("size", "mb", tenths(bytes / MB));
        }
        return UserText.of("size", "kb", Math.max(1, (bytes + 1023) / 1024));
    }

    /** Rounded as {@code %.1f} rounds (half up on the shortest decimal form), so English stays as it was. */
    private static BigDecimal tenths(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP);
    }
}
