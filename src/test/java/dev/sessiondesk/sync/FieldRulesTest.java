package dev.sessiondesk.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.TitleSource;
import dev.sessiondesk.store.NewSession;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Titles, pin, archive and trash between two devices whose clocks are 20 minutes apart (+10 / −10). */
class FieldRulesTest {
    @TempDir
    Path tmp;
    PgTestServer pg;
    SyncDevice ahead;
    SyncDevice behind;

    @BeforeEach
    void devices() {
        pg = PgTestServer.create();
        ahead = new SyncDevice(tmp.resolve("ahead"), pg.url(), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10)));
        behind = new SyncDevice(tmp.resolve("behind"), pg.url(), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));
    }

    @AfterEach
    void drop() {
        behind.close();
        ahead.close();
        pg.close();
    }

    @Test
    void anEditMadeAfterSeeingAnotherDevicesEditWinsEvenWithAClockTwentyMinutesBehind() {
        Session s = ahead.store.sessions().create(NewSession.titled("Alpha", null));
        ahead.store.sessions().setPinned(s.id(), true);
        ahead.syncOk();
        behind.syncOk();
        assertThat(behind.store.sessions().require(s.id()).title()).isEqualTo("Alpha");
        assertThat(behind.store.sessions().require(s.id()).pinned()).isTrue();

        behind.store.sessions().renameByUser(s.id(), "Gamma");
        behind.store.sessions().setPinned(s.id(), false);
        behind.syncOk();
        ahead.syncOk();
        for (SyncDevice d : List.of(ahead, behind)) {
            Session x = d.store.sessions().require(s.id());
            assertThat(x.title()).as("title on %s", d.dir).isEqualTo("Gamma");
            assertThat(x.pinned()).as("pinned on %s", d.dir).isFalse();
        }
        assertThat(ahead.sync.ledger().titleHistory(s.id())).contains("Alpha");
    }

    @Test
    void concurrentUserTitlesConvergeOnTheLaterClockAndTheOtherStaysInHistory() throws Exception {
        Session s = ahead.store.sessions().create(NewSession.blank());
        ahead.syncOk();
        behind.syncOk();
        behind.store.sessions().renameByUser(s.id(), "From behind");
        ahead.store.sessions().renameByUser(s.id(), "From ahead"); // later by clock: +10 min against −10 min
        behind.syncOk();
        ahead.syncOk();
        behind.syncOk();
        for (SyncDevice d : List.of(ahead, behind)) {
            assertThat(d.store.sessions().require(s.id()).title()).as("title on %s", d.dir).isEqualTo("From ahead");
        }
        assertThat(behind.sync.ledger().titleHistory(s.id())).contains("From behind");
        try (Connection c = pg.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT title FROM sessiondesk.session_titles WHERE session_id = '" + s.id()
                     + "' ORDER BY hlc")) {
            List<String> titles = new ArrayList<>();
            while (rs.next()) {
                titles.add(rs.getString(1));
            }
            assertThat(titles).containsExactly("From behind", "From ahead");
        }
    }

    @Test
    void aUserTitleBeatsALaterAutomaticTitle() {
        Session s = behind.store.sessions().create(NewSession.blank());
        behind.syncOk();
        ahead.syncOk();
        behind.store.sessions().renameByUser(s.id(), "Chosen by the user"); // clock 20 minutes behind
        assertThat(ahead.store.sessions().setAutoTitle(s.id(), TitleSource.NONE, "Automatic")).isTrue();
        ahead.syncOk();
        behind.syncOk();
        ahead.syncOk();
        for (SyncDevice d : List.of(ahead, behind)) {
            Session x = d.store.sessions().require(s.id());
            assertThat(x.title()).as("title on %s", d.dir).isEqualTo("Chosen by the user");
            assertThat(x.titleSource()).isEqualTo(TitleSource.USER);
        }
    }

    @Test
    void pinArchiveAndTrashAreEachDecidedPerFieldByTheLaterWriter() {
        Session s = ahead.store.sessions().create(NewSession.titled("Fields", null));
        ahead.syncOk();
        behind.syncOk();
        ahead.store.sessions().trash(s.id());
        behind.store.sessions().setArchived(s.id(), true);
        behind.store.sessions().setPinned(s.id(), true);
        ahead.syncOk();
        behind.syncOk();
        ahead.syncOk();
        for (SyncDevice d : List.of(ahead, behind)) {
            Session x = d.store.sessions().require(s.id());
            assertThat(x.inTrash()).as("trash on %s", d.dir).isTrue();
            assertThat(x.archived()).as("archived on %s", d.dir).isTrue();
            assertThat(x.pinned()).as("pinned on %s", d.dir).isTrue();
        }
        behind.store.sessions().restore(s.id()); // after seeing the trash: later, although its clock is behind
        behind.syncOk();
        ahead.syncOk();
        assertThat(ahead.store.sessions().require(s.id()).inTrash()).isFalse();
    }
}
