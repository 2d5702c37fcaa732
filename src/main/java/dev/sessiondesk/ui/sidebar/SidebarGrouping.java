package dev.sessiondesk.ui.sidebar;

import dev.sessiondesk.model.Session;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Orders the session list the way the sidebar shows it: pinned first, then Today, Yesterday,
 * Previous 7 days and Older (newest first inside each), and every branch right under the session it
 * was forked from (its parent's group, one level deeper), so a fork never reads as a stray copy.
 */
public final class SidebarGrouping {
    private SidebarGrouping() {
    }

    public static List<SidebarRow> rows(List<Session> sessions, LocalDate today, ZoneId zone, String filter) {
        String needle = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        List<Session> shown = needle.isEmpty() ? sessions : sessions.stream()
                .filter(s -> s.displayTitle().toLowerCase(Locale.ROOT).contains(needle) || s.id().startsWith(needle))
                .toList();
        Map<String, Session> byId = new HashMap<>();
        shown.forEach(s -> byId.put(s.id(), s));
        Map<String, List<Session>> branches = new LinkedHashMap<>();
        List<Session> roots = new ArrayList<>();
        for (Session s : shown) {
            String parent = s.parentSessionId();
            if (parent != null && byId.containsKey(parent) && !parent.equals(s.id())) {
                branches.computeIfAbsent(parent, k -> new ArrayList<>()).add(s);
            } else {
                roots.add(s);
            }
        }
        Comparator<Session> newestFirst = Comparator.comparingLong(Session::lastActivity).reversed()
                .thenComparing(Session::id, Comparator.reverseOrder());
        branches.values().forEach(list -> list.sort(newestFirst));
        Map<SidebarGroup, List<Session>> groups = new EnumMap<>(SidebarGroup.class);
        for (Session s : roots) {
            groups.computeIfAbsent(SidebarGroup.of(s, today, zone), g -> new ArrayList<>()).add(s);
        }
        List<SidebarRow> out = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (var group : groups.entrySet()) {
            group.getValue().sort(newestFirst);
            boolean first = true;
            for (Session s : group.getValue()) {
                add(out, s, 0, first ? group.getKey() : null, null, branches, placed);
                first = false;
            }
        }
        return out;
    }

    private static void add(List<SidebarRow> out, Session s, int depth, SidebarGroup starts, String parentTitle,
                            Map<String, List<Session>> branches, Set<String> placed) {
        if (!placed.add(s.id())) {
            return; // a cycle in parent links cannot loop the list
        }
        out.add(new SidebarRow(s, depth, starts, parentTitle));
        for (Session b : branches.getOrDefault(s.id(), List.of())) {
            add(out, b, depth + 1, null, s.displayTitle(), branches, placed);
        }
    }
}
