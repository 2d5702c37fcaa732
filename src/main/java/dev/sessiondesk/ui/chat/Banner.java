package dev.sessiondesk.ui.chat;

import dev.sessiondesk.app.windows.Finding;

/**
 * Shown above a window's conversation when its remembered session cannot be shown as it was: the
 * window offers choices instead of silently showing other content (promise P4).
 *
 * @param finding what the check found, in facts (the choices act on it); null when there is none
 */
public record Banner(String sessionId, String headline, String detail, Finding finding) {
}
