package dev.sessiondesk.ui.sidebar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.TitleSource;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The sidebar's order: pinned, then the date groups, newest first, branches under their parent. */
class SidebarGroupingTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    static Session session(String id, String title, LocalDateTime lastActivity, boolean pinned, String parent, Integer parentSeq) {
        long at = lastActivity.atZone(ZONE).toInstant().toEpochMilli();
        return new Session(id, title, TitleSource.USER, null, at, at, at, 3, "h", pinned, null, null, null, null,
                parent, parentSeq, false);
    }

    @Test
    void pinnedFirstThenTodayYesterdayPreviousSevenDaysAndOlderEachNewestFirst() {
        List<Session> sessions = List.of(
                session("a", "Older one", LocalDateTime.of(2026, 11, 20, 9, 0), false, null, null),
                session("b", "This morning", LocalDateTime.of(2026, 12, 1, 0, 30), false, null, null),
                session("c", "Pinned but old", LocalDateTime.of(2025, 1, 1, 9, 0), true, null, null),
                session("d", "Yesterday late", LocalDateTime.of(2026, 11, 30, 23, 59), false, null, null),
                session("e", "Six days ago", LocalDateTime.of(2026, 11, 25, 12, 0), false, null, null),
                session("f", "Seven days ago", LocalDateTime.of(2026, 11, 24, 12, 0), false, null, null),
                session("g", "Eight days ago", LocalDateTime.of(2026, 11, 23, 12, 0), false, null, null),
                session("h", "Just now", LocalDateTime.of(2026, 12, 1, 10, 0), false, null, null));
        List<SidebarRow> rows = SidebarGrouping.rows(sessions, TODAY, ZONE, "");
        assertThat(rows).extracting(r -> r.session().id()).containsExactly("c", "h", "b", "d", "e", "f", "g", "a");
        assertThat(rows).extracting(SidebarRow::startsGroup).containsExactly(SidebarGroup.PINNED, SidebarGroup.TODAY,
                null, SidebarGroup.YESTERDAY, SidebarGroup.PREVIOUS_7_DAYS, null, SidebarGroup.OLDER, null);
    }

    @Test
    void aBranchSitsRightUnderItsParentOneLevelDeeperEvenWhenItIsNewer() {
        List<Session> sessions = List.of(
                session("fork2", "Plan", LocalDateTime.of(2026, 12, 1, 11, 0), false, "fork1", 2),
                session("other", "Other", LocalDateTime.of(2026, 12, 1, 10, 30), false, null, null),
                session("fork1", "Plan", LocalDateTime.of(2026, 12, 1, 10, 0), false, "root", 4),
                session("root", "Plan", LocalDateTime.of(2026, 11, 10, 10, 0), false, null, null),
                session("orphan", "Orphan", LocalDateTime.of(2026, 11, 30, 10, 0), false, "gone", 1));
        List<SidebarRow> rows = SidebarGrouping.rows(sessions, TODAY, ZONE, null);
        assertThat(rows).extracting(r -> r.session().id() + ":" + r.depth())
                .containsExactly("other:0", "orphan:0", "root:0", "fork1:1", "fork2:2");
        assertThat(rows.get(3).parentTitle()).isEqualTo("Plan");
        assertThat(rows.get(2).startsGroup()).isEqualTo(SidebarGroup.OLDER);
    }

    @Test
    void theFilterMatchesTitlesWhateverTheirCaseAndIdPrefixes() {
        List<Session> sessions = List.of(
                session("01abc", "Release Notes", LocalDateTime.of(2026, 12, 1, 9, 0), false, null, null),
                session("02def", "Holiday", LocalDateTime.of(2026, 12, 1, 8, 0), false, null, null));
        assertThat(SidebarGrouping.rows(sessions, TODAY, ZONE, "  release ")).extracting(r -> r.session().id())
                .containsExactly("01abc");
        assertThat(SidebarGrouping.rows(sessions, TODAY, ZONE, "02d")).extracting(r -> r.session().id())
                .containsExactly("02def");
        assertThat(SidebarGrouping.rows(sessions, TODAY, ZONE, "nothing")).isEmpty();
    }

    @Test
    void activityIsRelativeWithinTheHourThenTheLocalTimeThenTheLocalDate() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            var now = LocalDateTime.of(2026, 12, 1, 15, 0).atZone(ZONE).toInstant();
            long twelveMinutes = now.minusSeconds(12 * 60).toEpochMilli();
            long morning = LocalDateTime.of(2026, 12, 1, 9, 5).atZone(ZONE).toInstant().toEpochMilli();
            long november = LocalDateTime.of(2026, 11, 3, 9, 5).atZone(ZONE).toInstant().toEpochMilli();
            assertThat(ActivityText.of(now.toEpochMilli(), now, ZONE, Locale.GERMANY)).isEqualTo("gerade eben");
            assertThat(ActivityText.of(twelveMinutes, now, ZONE, Locale.GERMANY)).isEqualTo("vor 12 Min.");
            assertThat(ActivityText.of(morning, now, ZONE, Locale.GERMANY)).isEqualTo("09:05");
            assertThat(ActivityText.of(november, now, ZONE, Locale.GERMANY)).isEqualTo("03.11.2026");
            Locale.setDefault(Locale.US);
            assertThat(ActivityText.of(november, now, ZONE, Locale.US)).isEqualTo("Nov 3, 2026");
        } finally {
            Locale.setDefault(before);
        }
    }
}
