package dev.sessiondesk.app.title;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.assistant.Assistant;
import dev.sessiondesk.app.assistant.AssistantException;
import dev.sessiondesk.app.assistant.Cancellation;
import dev.sessiondesk.app.assistant.ChatTurn;
import dev.sessiondesk.app.assistant.OfflineAssistant;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.TitleSource;
import dev.sessiondesk.model.WindowBinding;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auto-title races of promise P5, forced deterministically: the assistant blocks inside the
 * title request until the test has done its interfering step, then answers.
 */
class TitleServiceTest {
    @TempDir
    Path dir;
    Store store;
    ExecutorService background;

    /** Answers a title request only when released; says when the request has started. */
    static final class LatchedAssistant implements Assistant {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final String answer;

        LatchedAssistant(String answer) {
            this.answer = answer;
        }

        @Override
        public void streamReply(List<ChatTurn> conversation, DeltaSink sink, Cancellation cancellation)
                throws AssistantException {
            started.countDown();
            try {
                if (!release.await(10, TimeUnit.SECONDS)) {
                    throw new AssistantException(AssistantException.Kind.TIMEOUT, "test never released the title");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sink.delta(answer);
        }

        @Override
        public String describe() {
            return "a latched test assistant";
        }
    }

    @BeforeEach
    void open() {
        store = Store.open(dir);
        background = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void close() {
        background.shutdownNow();
        store.close();
    }

    private Session sessionWithFirstExchange(String userText) {
        Session s = store.sessions().create(NewSession.blank());
        store.messages().append(s.id(), NewMessage.text(Role.USER, userText));
        store.messages().append(s.id(), NewMessage.text(Role.ASSISTANT, "Sure, here is an answer."));
        return s;
    }

    private TitleService titles(Assistant assistant) {
        return new TitleService(store, () -> assistant, background, Duration.ofSeconds(10));
    }

    private Session reread(Session s) {
        return store.sessions().require(s.id());
    }

    @Test
    void theAssistantsTitleLandsOnTheSessionItWasStartedFor() throws Exception {
        LatchedAssistant assistant = new LatchedAssistant("\"Weekend in Lisbon.\"");
        assistant.release.countDown();
        Session a = sessionWithFirstExchange("Plan my weekend in Lisbon");
        assertThat(titles(assistant).titleIfUntitled(a.id()).get(10, TimeUnit.SECONDS)).contains("Weekend in Lisbon");
        assertThat(reread(a).title()).isEqualTo("Weekend in Lisbon");
        assertThat(reread(a).titleSource()).isEqualTo(TitleSource.AUTO);
    }

    @Test
    void aRenameByTheUserDuringTheTaskWins() throws Exception {
        LatchedAssistant assistant = new LatchedAssistant("Generated title");
        Session a = sessionWithFirstExchange("Plan my weekend in Lisbon");
        CompletableFuture<Optional<String>> task = titles(assistant).titleIfUntitled(a.id());
        assertThat(assistant.started.await(10, TimeUnit.SECONDS)).isTrue();

        store.sessions().renameByUser(a.id(), "My own name");
        assistant.release.countDown();

        assertThat(task.get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(reread(a).title()).isEqualTo("My own name");
        assertThat(reread(a).titleSource()).isEqualTo(TitleSource.USER);
    }

    @Test
    void aWindowSwitchingToAnotherSessionDuringTheTaskDoesNotMoveTheTitle() throws Exception {
        LatchedAssistant assistant = new LatchedAssistant("Lisbon weekend");
        Session a = sessionWithFirstExchange("Plan my weekend in Lisbon");
        Session b = sessionWithFirstExchange("Fix my bike");
        store.windows().save(window("w1", a));

        // The task is started for the window's session at that moment, and captures it.
        String windowSession = store.windows().get("w1").orElseThrow().sessionId();
        CompletableFuture<Optional<String>> task = titles(assistant).titleIfUntitled(windowSession);
        assertThat(assistant.started.await(10, TimeUnit.SECONDS)).isTrue();

        store.windows().save(window("w1", b)); // the user switches the window to B meanwhile
        assistant.release.countDown();

        assertThat(task.get(10, TimeUnit.SECONDS)).contains("Lisbon weekend");
        assertThat(reread(a).title()).isEqualTo("Lisbon weekend");
        assertThat(reread(b).title()).isEmpty();
        assertThat(reread(b).titleSource()).isEqualTo(TitleSource.NONE);
    }

    @Test
    void closingTheWindowDuringTheTaskStillTitlesItsSessionOnly() throws Exception {
        LatchedAssistant assistant = new LatchedAssistant("Lisbon weekend");
        Session a = sessionWithFirstExchange("Plan my weekend in Lisbon");
        Session other = sessionWithFirstExchange("Unrelated");
        store.windows().save(window("w1", a));
        CompletableFuture<Optional<String>> task = titles(assistant).titleIfUntitled(a.id());
        assertThat(assistant.started.await(10, TimeUnit.SECONDS)).isTrue();

        store.windows().close("w1");
        assistant.release.countDown();

        assertThat(task.get(10, TimeUnit.SECONDS)).contains("Lisbon weekend");
        assertThat(reread(a).title()).isEqualTo("Lisbon weekend");
        assertThat(reread(other).titleSource()).isEqualTo(TitleSource.NONE);
    }

    @Test
    void aSessionTrashedDuringTheTaskKeepsItsTitleForARestoreAndNoOtherSessionGetsIt() throws Exception {
        LatchedAssistant assistant = new LatchedAssistant("Lisbon weekend");
        Session a = sessionWithFirstExchange("Plan my weekend in Lisbon");
        Session other = sessionWithFirstExchange("Unrelated");
        CompletableFuture<Optional<String>> task = titles(assistant).titleIfUntitled(a.id());
        assertThat(assistant.started.await(10, TimeUnit.SECONDS)).isTrue();

        store.sessions().trash(a.id());
        assistant.release.countDown();

        assertThat(task.get(10, TimeUnit.SECONDS)).contains("Lisbon weekend");
        store.sessions().restore(a.id());
        assertThat(reread(a).title()).isEqualTo("Lisbon weekend");
        assertThat(reread(other).titleSource()).isEqualTo(TitleSource.NONE);
    }

    @Test
    void aSessionPurgedDuringTheTaskGetsNothingAndNothingElseChanges() throws Exception {
        LatchedAssistant assistant = new LatchedAssistant("Lisbon weekend");
        Session a = sessionWithFirstExchange("Plan my weekend in Lisbon");
        Session other = sessionWithFirstExchange("Unrelated");
        CompletableFuture<Optional<String>> task = titles(assistant).titleIfUntitled(a.id());
        assertThat(assistant.started.await(10, TimeUnit.SECONDS)).isTrue();

        store.sessions().trash(a.id());
        store.sessions().purge(a.id());
        assistant.release.countDown();

        assertThat(task.get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(store.sessions().get(a.id())).isEmpty();
        assertThat(reread(other).titleSource()).isEqualTo(TitleSource.NONE);
    }

    @Test
    void twoTasksForOneSessionWriteOnce() throws Exception {
        LatchedAssistant first = new LatchedAssistant("First title");
        LatchedAssistant second = new LatchedAssistant("Second title");
        Session a = sessionWithFirstExchange("Plan my weekend in Lisbon");
        CompletableFuture<Optional<String>> t1 = titles(first).titleIfUntitled(a.id());
        CompletableFuture<Optional<String>> t2 = titles(second).titleIfUntitled(a.id());
        assertThat(first.started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(second.started.await(10, TimeUnit.SECONDS)).isTrue();

        first.release.countDown();
        assertThat(t1.get(10, TimeUnit.SECONDS)).contains("First title");
        second.release.countDown();
        assertThat(t2.get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(reread(a).title()).isEqualTo("First title");
    }

    @Test
    void anAlreadyTitledSessionIsLeftAlone() throws Exception {
        Session a = store.sessions().create(NewSession.titled("Chosen by me", null));
        store.messages().append(a.id(), NewMessage.text(Role.USER, "hello"));
        assertThat(titles(new OfflineAssistant(Duration.ZERO)).titleIfUntitled(a.id()).get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(reread(a).title()).isEqualTo("Chosen by me");
    }

    @Test
    void offlineAndFailingAssistantsFallBackToTheFirstMessage() throws Exception {
        Session a = sessionWithFirstExchange("\n\n> **Why** does my   build fail on CI but not locally and only on Tuesdays?\nmore");
        assertThat(titles(new OfflineAssistant(Duration.ZERO)).titleIfUntitled(a.id()).get(10, TimeUnit.SECONDS))
                .contains("Why does my build fail on CI but not locally\u2026");

        Session b = sessionWithFirstExchange("Short question");
        Assistant failing = new Assistant() {
            @Override
            public void streamReply(List<ChatTurn> c, DeltaSink sink, Cancellation x) throws AssistantException {
                throw new AssistantException(AssistantException.Kind.REFUSED, "refused");
            }

            @Override
            public String describe() {
                return "a refusing assistant";
            }
        };
        assertThat(titles(failing).titleIfUntitled(b.id()).get(10, TimeUnit.SECONDS)).contains("Short question");
    }

    @Test
    void suggestionsAreCleanedToOneShortLine() {
        assertThat(TitleText.fromSuggestion("Title: \"Debugging Flaky CI Builds.\"\nExplanation…"))
                .isEqualTo("Debugging Flaky CI Builds");
        assertThat(TitleText.fromSuggestion("**Lisbon Trip**")).isEqualTo("Lisbon Trip");
        assertThat(TitleText.fromFirstMessage("```\ncode first\n```")).isEqualTo("code first");
        assertThat(TitleText.fromFirstMessage("   ")).isEmpty();
        assertThat(TitleText.fromFirstMessage("x".repeat(100))).hasSize(TitleText.MAX_LENGTH);
    }

    private static WindowBinding window(String id, Session s) {
        return new WindowBinding(id, s.id(), 0, 0, 800, 600, false, 0, true,
                new Fingerprint(s.messageCount(), s.headHash()), true, System.currentTimeMillis());
    }
}
