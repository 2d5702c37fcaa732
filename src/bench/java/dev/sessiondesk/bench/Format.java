package dev.sessiondesk.bench;

import java.util.Locale;

/** Number formatting for the results table: few significant digits, thousands separators. */
final class Format {
    private Format() {
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String ms(double ms) {
        return number(ms) + " ms";
    }

    static String ratio(double x) {
        return number(x) + "×";
    }

    static String mbPerSecond(double bytes, double seconds) {
        return number(bytes / 1e6 / seconds) + " MB/s";
    }
}
