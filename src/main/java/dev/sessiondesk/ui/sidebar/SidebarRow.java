package dev.sessiondesk.ui.sidebar;

import dev.sessiondesk.model.Session;

/**
 * One line of the sidebar: a session, how deep it sits under the session it branched from, and the
 * heading of its group ("Pinned", "Today", …) when it is the first of that group.
 */
public record SidebarRow(Session session, int depth, SidebarGroup startsGroup, String parentTitle) {
    public boolean isBranch() {
        return depth > 0;
    }
}
