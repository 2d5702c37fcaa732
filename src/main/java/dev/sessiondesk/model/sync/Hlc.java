package dev.sessiondesk.model.sync;

/**
 * Hybrid logical clock stamps as text: {@code wallMillis(13 digits).counter(6 digits).deviceId}.
 * Zero-padded, so the text order is the clock order, and the device id breaks ties. A device that
 * has seen a stamp never issues a smaller one afterwards, even when its wall clock is behind.
 */
public final class Hlc {
    public static final String ZERO = "0000000000000.000000.";

    private Hlc() {
    }

    public static int compare(String a, String b) {
        return (a == null ? ZERO : a).compareTo(b == null ? ZERO : b);
    }

    /** The wall-clock part in milliseconds (0 for a malformed stamp). */
    public static long wallMillis(String hlc) {
        if (hlc == null || hlc.length() < 13) {
            return 0;
        }
        try {
            return Long.parseLong(hlc.substring(0, 13));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
