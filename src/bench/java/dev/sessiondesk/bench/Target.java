package dev.sessiondesk.bench;

import java.util.Locale;

/**
 * What a figure must reach. A target bounds either the measured value itself (e.g. "≤ 50 ms") or the
 * figure's ratio to its same-run baseline (e.g. "≤ 1.5× raw", "≥ 30× faster").
 */
public record Target(String text, Basis basis, Bound bound, double limit) {

    public enum Basis { MEASURED, RATIO }

    public enum Bound { AT_MOST, AT_LEAST }

    public static Target millisAtMost(double ms) {
        return new Target("≤ " + Format.number(ms) + " ms", Basis.MEASURED, Bound.AT_MOST, ms);
    }

    public static Target ratioAtMost(double x, String of) {
        return new Target("≤ " + Format.number(x) + "× " + of, Basis.RATIO, Bound.AT_MOST, x);
    }

    public static Target ratioAtLeast(double x, String of) {
        return new Target("≥ " + Format.number(x) + "× " + of, Basis.RATIO, Bound.AT_LEAST, x);
    }

    /** A target that is shown but not checked by this figure (context rows, or checked elsewhere). */
    public static Target informational(String text) {
        return new Target(text, null, null, Double.NaN);
    }

    public boolean checkable() {
        return basis != null;
    }

    /** Whether the figure meets the target; null when this target does not judge the figure. */
    public Boolean met(double measured, Double ratio) {
        if (!checkable()) {
            return null;
        }
        double value = basis == Basis.MEASURED ? measured : (ratio == null ? Double.NaN : ratio);
        if (Double.isNaN(value)) {
            return null;
        }
        return bound == Bound.AT_MOST ? value <= limit : value >= limit;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s", text);
    }
}
