package dev.sessiondesk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.GooseMessages;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the benchmark harness honest at tiny sizes (the benchmark itself runs only with -Pbench): the
 * generator is deterministic, what it seeds verifies, the fast seeding path stores exactly what
 * {@code appendAll} stores, the backup check catches tampering, and the table keeps every row.
 */
class BenchHarnessTest {
    /** Small chunks, so the tiny long session still spans several transactions as the real ones do. */
    private static final int CHUNK = 25;
    private static final CorpusShape TINY = new CorpusShape(5, 130, List.of(110));

    @TempDir
    Path tmp;

    @Test
    void sameSeedSeedsTheSameConversationsAndHeadHashesAndTheStoreVerifies() {
        try (Store a = Store.open(tmp.resolve("a")); Store b = Store.open(tmp.resolve("b"))) {
            CorpusSeeder.SeededCorpus first = new CorpusSeeder(42, CorpusSeeder.WritePath.BULK, CHUNK).seed(a, TINY, line -> { });
            CorpusSeeder.SeededCorpus second = new CorpusSeeder(42, CorpusSeeder.WritePath.BULK, CHUNK).seed(b, TINY, line -> { });

            assertThat(a.verifier().verifyAll(false).ok()).isTrue();
            assertThat(first.sessions()).extracting(CorpusSeeder.SeededSession::messageCount)
                    .containsExactly(TINY.lengths(42)[0], TINY.lengths(42)[1], TINY.lengths(42)[2],
                            TINY.lengths(42)[3], TINY.lengths(42)[4]);
            assertThat(first.sessions().stream().mapToInt(CorpusSeeder.SeededSession::messageCount).sum()).isEqualTo(130);
            for (int i = 0; i < TINY.sessions(); i++) {
                var s1 = first.session(i);
                var s2 = second.session(i);
                assertThat(s1.headHash()).as("head of session %d", i).isEqualTo(s2.headHash());
                assertThat(a.sessions().require(s1.id()).headHash()).isEqualTo(s1.headHash());
                assertThat(ConcatenatedChainCheck.check(a, s1.id())).isEqualTo(s1.messageCount());
                assertThat(canonical(a.messages().list(s1.id()))).isEqualTo(canonical(b.messages().list(s2.id())));
            }
        }
    }

    @Test
    void anotherSeedGivesOtherConversations() {
        ConversationGenerator one = new ConversationGenerator(1);
        ConversationGenerator two = new ConversationGenerator(2);
        assertThat(one.conversation(0, 20)).isNotEqualTo(two.conversation(0, 20));
        assertThat(one.conversation(0, 20)).isEqualTo(new ConversationGenerator(1).conversation(0, 20));
        assertThat(one.conversation(3, 10, 5)).isEqualTo(one.conversation(3, 15).subList(10, 15));
    }

    @Test
    void bulkSeedingStoresExactlyWhatAppendAllStores() throws Exception {
        CorpusShape shape = new CorpusShape(4, 106, List.of(101));
        try (Store bulk = Store.open(tmp.resolve("bulk")); Store plain = Store.open(tmp.resolve("plain"))) {
            var viaBulk = new CorpusSeeder(9, CorpusSeeder.WritePath.BULK, CHUNK).seed(bulk, shape, line -> { });
            var viaAppendAll = new CorpusSeeder(9, CorpusSeeder.WritePath.APPEND_ALL, CHUNK).seed(plain, shape, line -> { });
            assertThat(bulk.verifier().verifyAll(true).ok()).isTrue();
            for (int i = 0; i < shape.sessions(); i++) {
                String b = viaBulk.session(i).id();
                String p = viaAppendAll.session(i).id();
                assertThat(rows(bulk, "SELECT title, title_source, working_dir, created_at, message_count, head_hash,"
                        + " origin, external_ref, pinned, is_active FROM sessions WHERE id = ?", b))
                        .isEqualTo(rows(plain, "SELECT title, title_source, working_dir, created_at, message_count,"
                                + " head_hash, origin, external_ref, pinned, is_active FROM sessions WHERE id = ?", p));
                String messages = "SELECT seq, message_id, role, created, content_json, user_visible, agent_visible,"
                        + " state, hash FROM messages WHERE session_id = ? ORDER BY seq";
                assertThat(rows(bulk, messages, b)).hasSize(shape.lengths(9)[i]).isEqualTo(rows(plain, messages, p));
                String index = "SELECT m.seq, f.body FROM messages_fts f JOIN messages m ON m.id = f.rowid"
                        + " WHERE m.session_id = ? ORDER BY m.seq";
                assertThat(rows(bulk, index, b)).isNotEmpty().isEqualTo(rows(plain, index, p));
            }
        }
    }

    @Test
    void generatedConversationsHaveRealisticSizesAndPairedToolCalls() throws Exception {
        ConversationGenerator gen = new ConversationGenerator(5, 0.5, 1.0); // every tool output is large
        List<NewMessage> conversation = gen.conversation(1, 200);
        int texts = 0;
        int textsInRange = 0;
        int toolCalls = 0;
        String openCall = null;
        for (NewMessage m : conversation) {
            JsonNode items = CanonicalJson.parse(m.contentJson());
            for (JsonNode item : items) {
                switch (item.get("type").textValue()) {
                    case "text" -> {
                        texts++;
                        int n = item.get("text").textValue().length();
                        textsInRange += (n >= 20 && n <= 2_100) ? 1 : 0;
                    }
                    case "toolRequest" -> {
                        assertThat(m.role()).isEqualTo(Role.ASSISTANT);
                        openCall = item.get("id").textValue();
                        toolCalls++;
                    }
                    case "toolResponse" -> {
                        assertThat(m.role()).isEqualTo(Role.USER);
                        assertThat(item.get("id").textValue()).isEqualTo(openCall);
                        String output = item.at("/toolResult/value/content/0/text").textValue();
                        assertThat(output).hasSize(ConversationGenerator.LARGE_TOOL_OUTPUT_CHARS);
                        openCall = null;
                    }
                    default -> throw new AssertionError("unexpected item " + item);
                }
            }
        }
        assertThat(toolCalls).isBetween(25, 75);
        assertThat(textsInRange).isEqualTo(texts);
    }

    @Test
    void backupCheckPassesAnIntactCopyAndNamesATamperedMessage() throws Exception {
        Path db;
        String victim;
        try (Store store = Store.open(tmp.resolve("src"))) {
            var corpus = new CorpusSeeder(3).seed(store, new CorpusShape(3, 30, List.of(10)), line -> { });
            victim = corpus.session(0).id();
            db = store.dbFile();
        }
        Path copy = tmp.resolve("copy.db");
        try (Connection c = RawSqlite.reader(db, true); PreparedStatement ps = c.prepareStatement("VACUUM INTO ?")) {
            ps.setString(1, copy.toString());
            ps.execute();
        }
        assertThat(CopyVerifier.verify(copy)).isEmpty();

        try (Connection c = RawSqlite.writer(copy);
             PreparedStatement ps = c.prepareStatement("UPDATE messages SET content_json = ? WHERE session_id = ? AND seq = 3")) {
            ps.setString(1, "[{\"text\":\"edited\",\"type\":\"text\"}]");
            ps.setString(2, victim);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertThat(CopyVerifier.verify(copy)).contains("session " + victim + ": message 3 does not match its hash");
    }

    @Test
    void percentilesAreNearestRank() {
        Samples s = new Samples();
        for (int i = 100; i >= 1; i--) {
            s.add(i * 1_000_000L);
        }
        assertThat(s.medianMillis()).isEqualTo(50.0);
        assertThat(s.p99Millis()).isEqualTo(99.0);
        assertThat(s.maxMillis()).isEqualTo(100.0);
        Samples thousand = new Samples();
        for (int i = 1; i <= 1_000; i++) {
            thousand.add(i * 1_000_000L);
        }
        assertThat(thousand.percentileMillis(99.9)).isEqualTo(999.0);
    }

    @Test
    void theTableKeepsMissedFailedAndPendingRowsWithTheirVerdicts() {
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.measured("fast thing", "10 ms", 10, "raw 9 ms", 1.1, Target.ratioAtMost(1.5, "raw"), null));
        figures.add(Figure.measured("slow thing", "80 ms", 80, "floor 1 ms", 80.0, Target.millisAtMost(50), null));
        figures.add(Figure.failed("broken thing", Target.millisAtMost(5), "probe died"));
        figures.add(Figure.notMeasuredYet("future thing", Target.informational("≤ 1 s"), "the future importer"));
        String table = ResultTable.render(figures, Map.of("CPU", "test"), Map.of(), "mvn -Pbench verify", "now", "1",
                "2", 1.0, List.of("a note"));
        assertThat(table).contains("| fast thing | 10 ms | raw 9 ms | 1.10× | ≤ 1.50× raw | yes |")
                .contains("| slow thing | 80 ms | floor 1 ms | 80× | ≤ 50 ms | **NO** |")
                .contains("| broken thing | failed: probe died |")
                .contains("not measured yet (needs the future importer)")
                .contains("- a note");
        assertThat(table.lines().filter(l -> l.startsWith("| ")).count()).isEqualTo(1 + figures.size());
    }

    private static List<String> canonical(List<Message> messages) {
        return messages.stream().map(m -> new String(GooseMessages.canonicalBytes(m.body()), StandardCharsets.UTF_8))
                .toList();
    }

    private static List<List<Object>> rows(Store store, String sql, String id) {
        return store.reader().read("test: read rows", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, id);
                List<List<Object>> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>(n);
                        for (int i = 1; i <= n; i++) {
                            row.add(rs.getObject(i));
                        }
                        out.add(row);
                    }
                }
                return out;
            }
        });
    }
}
