package dev.sessiondesk.ui.chat;

/**
 * Shown above a window's conversation when its remembered session cannot be shown as it was: the
 * window offers choices instead of silently showing other content (promise P4).
 */
public record Banner(String sessionId, String headline, String detail) {
}
