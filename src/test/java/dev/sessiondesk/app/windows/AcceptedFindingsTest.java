package dev.sessiondesk.app.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Keep as it is" covers what the user saw, not only the first damaged message of the session: a
 * later, different change to the same session brings the banner back (issue 13).
 */
class AcceptedFindingsTest {
    @TempDir
    Path dir;
    Store store;
    AcceptedFindings accepted;
    FingerprintCheck check;
    Session s;
    Fingerprint seen;

    @BeforeEach
    void fourMessagesSeenByAWindow() {
        store = Store.open(dir);
        accepted = new AcceptedFindings(dir);
        check = new FingerprintCheck(store, accepted);
        s = store.sessions().create(NewSession.blank());
        for (String t : List.of("one", "two", "three", "four")) {
            store.messages().append(s.id(), NewMessage.text(t.length() == 3 ? Role.USER : Role.ASSISTANT, t));
        }
        seen = store.sessions().require(s.id()).fingerprint();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void rewrite(int seq, String text) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.dbFile());
             PreparedStatement ps = c.prepareStatement("UPDATE messages SET content_json = ? WHERE session_id = ? AND seq = ?")) {
            ps.setString(1, "[{\"text\":\"" + text + "\",\"type\":\"text\"}]");
            ps.setString(2, s.id());
            ps.setInt(3, seq);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private FingerprintCheck.Result keep() throws Exception {
        FingerprintCheck.Result r = check.check(s.id(), seen);
        assertThat(r.verdict()).isEqualTo(FingerprintCheck.Verdict.MISMATCH);
        accepted.accept(r.finding());
        assertThat(check.check(s.id(), seen).verdict()).as("the same finding, kept").isEqualTo(FingerprintCheck.Verdict.ACCEPTED);
        return r;
    }

    @Test
    void aLaterChangeToAnotherMessageOfAKeptSessionAsksAgain() throws Exception {
        rewrite(2, "changed outside");
        keep();

        rewrite(4, "changed later");
        FingerprintCheck.Result later = check.check(s.id(), seen);
        assertThat(later.finding().seq()).as("the first bad message is still 2").isEqualTo(2);
        assertThat(later.verdict()).isEqualTo(FingerprintCheck.Verdict.MISMATCH);
    }

    @Test
    void theSameMessageChangedAgainAsksAgain() throws Exception {
        rewrite(2, "changed outside");
        keep();

        rewrite(2, "changed once more");
        assertThat(check.check(s.id(), seen).verdict()).isEqualTo(FingerprintCheck.Verdict.MISMATCH);
        rewrite(2, "changed outside"); // back to exactly what the user kept
        assertThat(check.check(s.id(), seen).verdict()).isEqualTo(FingerprintCheck.Verdict.ACCEPTED);
    }

    @Test
    void messagesAddedAfterKeepingDoNotAskAgain() throws Exception {
        rewrite(2, "changed outside");
        keep();
        store.messages().append(s.id(), NewMessage.text(Role.USER, "five, written after keeping"));
        assertThat(check.check(s.id(), seen).verdict()).isEqualTo(FingerprintCheck.Verdict.ACCEPTED);
    }

    @Test
    void anOldFileIsStillReadAndKeptButItsFirstMessageOnlyKeysAskOnceMore() throws Exception {
        rewrite(2, "changed outside");
        FingerprintCheck.Result r = check.check(s.id(), seen);
        String key = r.finding().key();
        String legacy = key.substring(0, key.lastIndexOf('/')); // session/seq/change/head, as before issue 13
        Files.writeString(dir.resolve(AcceptedFindings.FILE_NAME), "other/1/TEXT_CHANGED/abc\n" + legacy + "\n");

        assertThat(check.check(s.id(), seen).verdict()).isEqualTo(FingerprintCheck.Verdict.MISMATCH);
        accepted.accept(r.finding());
        assertThat(check.check(s.id(), seen).verdict()).isEqualTo(FingerprintCheck.Verdict.ACCEPTED);
        assertThat(Files.readAllLines(dir.resolve(AcceptedFindings.FILE_NAME), StandardCharsets.UTF_8))
                .containsExactly("other/1/TEXT_CHANGED/abc", legacy, key);
    }
}
