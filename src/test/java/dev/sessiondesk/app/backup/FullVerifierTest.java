package dev.sessiondesk.app.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.WindowBinding;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FullVerifierTest {
    @TempDir
    Path data;

    private static WindowBinding window(String windowId, String sessionId, Fingerprint fp) {
        return new WindowBinding(windowId, sessionId, 0, 0, 800, 600, false, 0, false, fp, true, 0);
    }

    @Test
    void aCleanStoreWithWindowsPasses() {
        try (SessionDesk desk = SessionDesk.open(data)) {
            List<String> ids = Seed.sessions(desk.store(), 2, 3, 0);
            desk.store().windows().save(window("w1", ids.get(0), desk.sessions().require(ids.get(0)).fingerprint()));
            desk.store().windows().save(window("w2", null, Fingerprint.empty()));
            FullVerifier.Report r = new FullVerifier(desk.store(), desk.backups().catalog()).verify(Progress.NONE);
            assertThat(r.lines()).first().isEqualTo("sqlite integrity_check: ok");
            assertThat(r.ok()).as(String.join("\n", r.lines())).isTrue();
            assertThat(r.messages()).isEqualTo(6);
        }
    }

    @Test
    void namesWindowsThatPointNowhereOrAtAnotherConversationAndSearchIndexGaps() {
        try (SessionDesk desk = SessionDesk.open(data)) {
            List<String> ids = Seed.sessions(desk.store(), 2, 3, 0);
            Fingerprint other = desk.sessions().require(ids.get(1)).fingerprint();
            desk.store().windows().save(window("w-gone", "no-such-session", Fingerprint.empty()));
            desk.store().windows().save(window("w-mixed", ids.get(0), other)); // fingerprint of session 2
            long[] rowIds = desk.store().reader().read("find rows", c -> {
                try (Statement s = c.createStatement();
                     var rs = s.executeQuery("SELECT id FROM messages ORDER BY id LIMIT 1")) {
                    rs.next();
                    return new long[] {rs.getLong(1)};
                }
            });
            desk.store().writer().write("damage the index", c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM messages_fts WHERE rowid = " + rowIds[0]);
                    s.executeUpdate("INSERT INTO messages_fts(rowid, body) VALUES (999999, 'orphan')");
                }
                return null;
            });
            FullVerifier.Report r = new FullVerifier(desk.store(), desk.backups().catalog()).verify(Progress.NONE);
            assertThat(r.ok()).isFalse();
            assertThat(r.windows()).hasSize(2);
            assertThat(r.windows()).anySatisfy(l -> assertThat(l).contains("w-gone").contains("does not exist"));
            assertThat(r.windows()).anySatisfy(l -> assertThat(l).contains("w-mixed").contains(ids.get(0)));
            assertThat(r.searchIndex()).containsExactlyInAnyOrder(
                    "session " + ids.get(0) + " message 1 is missing from the search index",
                    "search index row 999999 points to a message that no longer exists");
            assertThat(r.chains()).isEmpty();
        }
    }
}
