package dev.sessiondesk.model;

/**
 * One chat window as persisted: which session it shows, where it is, and the fingerprint of that
 * session when the window last showed it. {@code open} is false for windows the user closed.
 */
public record WindowBinding(
        String windowId,
        String sessionId,
        double x,
        double y,
        double width,
        double height,
        boolean maximized,
        int zOrder,
        boolean focused,
        Fingerprint fingerprint,
        boolean open,
        long updatedAt) {
}
