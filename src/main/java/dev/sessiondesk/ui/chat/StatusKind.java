package dev.sessiondesk.ui.chat;

/** How the status bar should look. */
public enum StatusKind {
    INFO, SAVING, SAVED, ERROR
}
