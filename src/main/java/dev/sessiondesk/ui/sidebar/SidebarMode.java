package dev.sessiondesk.ui.sidebar;

/** Which sessions the sidebar lists: the live ones, the archived ones, or the trash. */
public enum SidebarMode {
    SESSIONS,
    ARCHIVE,
    TRASH
}
