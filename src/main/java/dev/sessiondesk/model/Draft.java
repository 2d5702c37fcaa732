package dev.sessiondesk.model;

/** Unsent composer text of a window, with the time it was saved (epoch ms). */
public record Draft(String windowId, String text, long updatedAt) {
}
