package dev.sessiondesk.app.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StreamingMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchServiceTest {
    private static final String[] VOCABULARY = {"alpha", "build", "cache", "deploy", "error", "fix", "graph", "heap",
            "index", "java", "kernel", "lambda", "memory", "network", "object", "parser", "query", "render",
            "socket", "thread", "update", "vector", "window", "yaml", "zone"};

    @TempDir
    Path dir;
    Store store;
    SearchService search;

    @BeforeEach
    void open() {
        store = Store.open(dir);
        search = new SearchService(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Session session(String title, String... texts) {
        Session s = store.sessions().create(NewSession.titled(title, null));
        List<NewMessage> messages = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            messages.add(NewMessage.text(i % 2 == 0 ? Role.USER : Role.ASSISTANT, texts[i]));
        }
        store.messages().appendAll(s.id(), messages);
        return s;
    }

    @Test
    void findsWordsAcrossTenThousandMessages() {
        Random random = new Random(42);
        List<String> ids = new ArrayList<>();
        long buildStart = System.nanoTime();
        for (int s = 0; s < 100; s++) {
            List<NewMessage> messages = new ArrayList<>(100);
            for (int m = 1; m <= 100; m++) {
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < 12; w++) {
                    text.append(VOCABULARY[random.nextInt(VOCABULARY.length)]).append(' ');
                }
                if (s == 37 && m == 58) {
                    text.append("the zanzibar deployment failed");
                }
                if (s == 80 && m == 3) {
                    text.append("zanzibar zanzibar zanzibar");
                }
                messages.add(NewMessage.text(m % 2 == 1 ? Role.USER : Role.ASSISTANT, text.toString()));
            }
            Session session = store.sessions().create(NewSession.titled("Session " + s, null));
            store.messages().appendAll(session.id(), messages);
            ids.add(session.id());
        }
        long buildMs = (System.nanoTime() - buildStart) / 1_000_000;
        assertThat(store.messages().countAll()).isEqualTo(10_000);

        long searchStart = System.nanoTime();
        List<SearchHit> hits = search.search("Zanzibar", 10);
        long searchMicros = (System.nanoTime() - searchStart) / 1_000;
        long commonStart = System.nanoTime();
        List<SearchHit> common = search.search("kernel socket", 20);
        long commonMicros = (System.nanoTime() - commonStart) / 1_000;
        System.out.printf("search figures: 10,000 messages stored with appendAll in %d ms; rare word %d µs;"
                + " two common words (top 20 sessions) %d µs%n", buildMs, searchMicros, commonMicros);

        assertThat(hits).extracting(SearchHit::sessionId).containsExactly(ids.get(80), ids.get(37));
        SearchHit best = hits.get(0);
        assertThat(best.seq()).isEqualTo(3);
        assertThat(best.sessionTitle()).isEqualTo("Session 80");
        assertThat(hits.get(1).seq()).isEqualTo(58);
        assertThat(hits.get(1).snippet("[", "]")).contains("the [zanzibar] deployment");
        assertThat(hits.get(1).segments()).contains(new SearchHit.Segment("zanzibar", true));

        // Common words: many sessions, each listed once, with its number of matching messages.
        assertThat(common).hasSize(20);
        assertThat(common).extracting(SearchHit::sessionId).doesNotHaveDuplicates();
        assertThat(common).allSatisfy(h -> assertThat(h.matchingMessages()).isGreaterThan(1));
        assertThat(common).extracting(SearchHit::rank).isSorted();
    }

    @Test
    void userInputIsNeverAnFtsSyntaxError() {
        session("Quotes", "He said \"hello\" to the (parser) at col:umn - NOT AND OR near");
        for (String input : List.of("\"unbalanced", "foo AND", "NEAR(", "*", "col:umn", "-x", "^start", "a OR",
                "(", ")", "\"\"", "body:hello", "hello\"world", "NOT", "   ", "'; DROP TABLE messages; --")) {
            assertThatCode(() -> search.search(input, 10)).as(input).doesNotThrowAnyException();
        }
        assertThat(search.search("\"hello", 10)).hasSize(1);
        assertThat(search.search("col:umn", 10)).hasSize(1);
        assertThat(search.search("NOT", 10)).hasSize(1); // a word, not an operator
        assertThat(search.search("   ", 10)).isEmpty();
        assertThat(store.messages().countAll()).isEqualTo(1);
    }

    @Test
    void allWordsMustMatchAndTheLastOneMatchesAsAPrefixWhileTyping() {
        session("A", "deploying the kernel today");
        session("B", "the kernel only");
        assertThat(search.search("kernel deploy", 10)).extracting(SearchHit::sessionTitle).containsExactly("A");
        assertThat(search.search("kernel deploy ", 10)).isEmpty(); // finished word: whole-word match only
        assertThat(search.search("Kérnel", 10)).hasSize(2); // diacritics and case do not matter
    }

    @Test
    void trashedSessionsAreLeftOutAndRestoredOnesComeBack() {
        Session s = session("Gone", "a unique marmalade recipe");
        store.sessions().trash(s.id());
        assertThat(search.search("marmalade", 10)).isEmpty();
        store.sessions().restore(s.id());
        assertThat(search.search("marmalade", 10)).hasSize(1);
    }

    @Test
    void aStreamingReplyBecomesSearchableWhenItEnds() {
        Session s = session("Streaming", "tell me about otters");
        StreamingMessage stream = store.messages().beginStreaming(s.id(), NewMessage.text(Role.ASSISTANT, "Sea"));
        store.messages().checkpoint(stream, ContentItems.textArray("Sea otters hold hands"));
        assertThat(search.search("hands", 10)).isEmpty();
        store.messages().finishStreaming(stream, ContentItems.textArray("Sea otters hold hands while sleeping"),
                dev.sessiondesk.model.MessageState.COMPLETE);
        assertThat(search.search("hands", 10)).singleElement().satisfies(h -> assertThat(h.seq()).isEqualTo(2));
    }

    @Test
    void queriesAreQuotedTermByTerm() {
        assertThat(FtsQuery.of("foo bar")).isEqualTo("\"foo\" \"bar\"*");
        assertThat(FtsQuery.of("foo bar ")).isEqualTo("\"foo\" \"bar\"");
        assertThat(FtsQuery.of("c++ \"x")).isEqualTo("\"c\" \"x\"*");
        assertThat(FtsQuery.of("**")).isEmpty();
    }
}
