package dev.sessiondesk.ui.sidebar;

import dev.sessiondesk.model.Session;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The date groups of the session list, in the order they are shown. */
public enum SidebarGroup {
    PINNED("group.pinned"),
    TODAY("group.today"),
    YESTERDAY("group.yesterday"),
    PREVIOUS_7_DAYS("group.week"),
    OLDER("group.older");

    private final String key;

    SidebarGroup(String key) {
        this.key = key;
    }

    /** The bundle key of the group's heading in the "sidebar" area. */
    public String key() {
        return key;
    }

    /** Pinned sessions first; the rest by the local day of their last activity. */
    public static SidebarGroup of(Session s, LocalDate today, ZoneId zone) {
        if (s.pinned()) {
            return PINNED;
        }
        LocalDate day = Instant.ofEpochMilli(s.lastActivity()).atZone(zone).toLocalDate();
        if (!day.isBefore(today)) {
            return TODAY;
        }
        if (day.equals(today.minusDays(1))) {
            return YESTERDAY;
        }
        if (day.isAfter(today.minusDays(8))) {
            return PREVIOUS_7_DAYS;
        }
        return OLDER;
    }
}
