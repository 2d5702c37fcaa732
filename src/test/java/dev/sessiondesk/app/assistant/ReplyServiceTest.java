package dev.sessiondesk.app.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.ChainReport;
import dev.sessiondesk.store.HashChain;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplyServiceTest {
    private static final List<String> TOKENS = IntStream.range(0, 24).mapToObj(i -> "tok" + i + " ").toList();
    private static final String FULL = String.join("", TOKENS);

    @TempDir
    Path dir;
    SessionDesk desk;

    @BeforeEach
    void open() {
        desk = SessionDesk.open(dir.resolve("data"));
    }

    @AfterEach
    void close() {
        desk.close();
    }

    private void useEndpoint(String baseUrl, Duration idle) {
        AssistantSettings s = AssistantSettings.endpoint(baseUrl, "m", "")
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), idle);
        desk.assistants().use(s);
    }

    private Session newSession() {
        return desk.sessions().create(null, null);
    }

    /** One row as an independent reader (its own JDBC connection) sees it: state and text. */
    private record Row(String state, String text, String hash, int sessionMessageCount) { }

    private Row readRow(Connection c, String sessionId, int seq) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT m.state, m.content_json, m.hash, s.message_count FROM messages m JOIN sessions s"
                        + " ON s.id = m.session_id WHERE m.session_id = ? AND m.seq = ?")) {
            ps.setString(1, sessionId);
            ps.setInt(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Row(rs.getString(1), ContentItems.plainText(rs.getString(2)), rs.getString(3),
                        rs.getInt(4)) : null;
            }
        }
    }

    @Test
    void theStoreHoldsAGrowingPartialWhileTheReplyStreams() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.streaming(TOKENS, Duration.ofMillis(40)));
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + desk.store().dbFile())) {
            useEndpoint(server.baseUrl(), Duration.ofSeconds(10));
            Session s = newSession();
            ReplyHandle reply = desk.replies().send(s.id(), "Count for me", ReplyListener.NONE);

            List<Integer> seenWhileStreaming = new ArrayList<>();
            List<Long> seenAtMillis = new ArrayList<>();
            boolean sawHashWhileStreaming = false;
            int countWhileStreaming = -1;
            while (!reply.done().isDone()) {
                Row row = readRow(other, s.id(), 2);
                if (row != null && row.state().equals("streaming")) {
                    assertThat(FULL).startsWith(row.text());
                    if (seenWhileStreaming.isEmpty() || seenWhileStreaming.get(seenWhileStreaming.size() - 1) != row.text().length()) {
                        seenWhileStreaming.add(row.text().length());
                        seenAtMillis.add(System.nanoTime() / 1_000_000);
                    }
                    sawHashWhileStreaming |= row.hash() != null;
                    countWhileStreaming = row.sessionMessageCount(); // same statement, same snapshot
                }
                Thread.sleep(15);
            }
            ReplyOutcome outcome = reply.done().get();
            long widestGap = IntStream.range(1, seenAtMillis.size())
                    .mapToLong(i -> seenAtMillis.get(i) - seenAtMillis.get(i - 1)).max().orElse(0);
            System.out.printf("streaming figures: %d tokens over ~%d ms; a second reader saw %d saved states,"
                    + " widest gap between saves %d ms (checkpoint interval %d ms)%n", TOKENS.size(), TOKENS.size() * 40,
                    seenWhileStreaming.size(), widestGap, ReplyService.CHECKPOINT_INTERVAL.toMillis());

            assertThat(outcome.state()).isEqualTo(ReplyState.COMPLETE);
            assertThat(outcome.text()).isEqualTo(FULL);
            // At least three different saved lengths (first token + checkpoints), never shrinking.
            assertThat(seenWhileStreaming).hasSizeGreaterThanOrEqualTo(3).isSorted();
            assertThat(seenWhileStreaming.get(seenWhileStreaming.size() - 1)).isLessThan(FULL.length());
            assertThat(sawHashWhileStreaming).as("a streaming row is outside the chain").isFalse();
            assertThat(countWhileStreaming).as("message_count while streaming").isEqualTo(1);

            Row last = readRow(other, s.id(), 2);
            assertThat(last.state()).isEqualTo("complete");
            assertThat(last.text()).isEqualTo(FULL);
            List<Message> stored = desk.store().messages().list(s.id());
            assertThat(stored).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT);
            assertThat(ContentItems.plainText(stored.get(0).contentJson())).isEqualTo("Count for me");
            // The reply joined the chain when it ended: hash = SHA-256(previous head || canonical message).
            assertThat(stored.get(1).hash()).isEqualTo(HashChain.next(stored.get(0).hash(), stored.get(1).body()));
            assertThat(outcome.reply()).isEqualTo(new AppendResult(s.id(), 2, stored.get(1).hash()));
            assertThat(desk.store().verifier().verifySession(s.id()).ok()).isTrue();
            assertThat(server.requestBodies.get(0)).contains("Count for me");
        }
    }

    @Test
    void stopKeepsThePartialMarkedStoppedAndInTheChain() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.streaming(TOKENS, Duration.ofMillis(30)))) {
            useEndpoint(server.baseUrl(), Duration.ofSeconds(10));
            Session s = newSession();
            CountDownLatch threeTokens = new CountDownLatch(3);
            List<ReplyState> states = new CopyOnWriteArrayList<>();
            ReplyHandle reply = desk.replies().send(s.id(), "Go on", new ReplyListener() {
                @Override
                public void delta(String text) {
                    threeTokens.countDown();
                }

                @Override
                public void stateChanged(ReplyState state) {
                    states.add(state);
                }
            });
            assertThat(threeTokens.await(10, TimeUnit.SECONDS)).isTrue();
            reply.stop();
            ReplyOutcome outcome = reply.done().get(10, TimeUnit.SECONDS);

            assertThat(outcome.state()).isEqualTo(ReplyState.STOPPED);
            assertThat(outcome.text()).isNotEmpty().isNotEqualTo(FULL);
            Message partial = desk.store().messages().get(s.id(), 2).orElseThrow();
            assertThat(partial.state()).isEqualTo(MessageState.STOPPED);
            assertThat(ContentItems.plainText(partial.contentJson())).isEqualTo(outcome.text());
            assertThat(desk.store().verifier().verifySession(s.id()).messagesChecked()).isEqualTo(2);
            assertThat(desk.store().verifier().verifySession(s.id()).ok()).isTrue();
            assertThat(states).containsSubsequence(ReplyState.SAVING, ReplyState.WAITING, ReplyState.STREAMING,
                    ReplyState.STOPPED);
        }
    }

    @Test
    void aRefusedConnectionKeepsTheUsersMessageAndNamesTheEndpoint() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port + "/v1";
        useEndpoint(base, Duration.ofSeconds(5));
        assertFailure("Is anyone there?", "The assistant at " + base + " refused the connection", false);
    }

    @Test
    void unauthorizedKeepsTheUsersMessage() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.status(401, "{\"error\":{\"message\":\"bad key\"}}"))) {
            useEndpoint(server.baseUrl(), Duration.ofSeconds(5));
            assertFailure("Hello with a bad key", "rejected the API key (HTTP 401): bad key", false);
        }
    }

    @Test
    void rateLimitKeepsTheUsersMessage() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.status(429, "{\"error\":\"quota\"}"))) {
            useEndpoint(server.baseUrl(), Duration.ofSeconds(5));
            assertFailure("Too fast?", "is limiting requests (HTTP 429", false);
        }
    }

    @Test
    void aGarbageStreamKeepsThePartialAsInterrupted() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.garbageAfter(List.of("half ", "a ")))) {
            useEndpoint(server.baseUrl(), Duration.ofSeconds(5));
            Message partial = assertFailure("Talk nonsense", "sent a reply SessionDesk cannot read", true);
            assertThat(ContentItems.plainText(partial.contentJson())).isEqualTo("half a ");
        }
    }

    @Test
    void aStalledStreamTimesOutAndKeepsThePartialAsInterrupted() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.stallingAfter(List.of("before ", "the stall ")))) {
            useEndpoint(server.baseUrl(), Duration.ofMillis(500));
            Message partial = assertFailure("Then stall", "stopped sending in the middle of the reply", true);
            assertThat(ContentItems.plainText(partial.contentJson())).isEqualTo("before the stall ");
        }
    }

    /** Sends, expects FAILED with the message, the user's text saved, and the partial (if any) interrupted. */
    private Message assertFailure(String text, String expectedMessage, boolean expectPartial) throws Exception {
        Session s = newSession();
        List<String> failures = new CopyOnWriteArrayList<>();
        ReplyHandle reply = desk.replies().send(s.id(), text, new ReplyListener() {
            @Override
            public void failed(String message) {
                failures.add(message);
            }
        });
        ReplyOutcome outcome = reply.done().get(20, TimeUnit.SECONDS);
        assertThat(outcome.state()).isEqualTo(ReplyState.FAILED);
        assertThat(outcome.error()).contains(expectedMessage);
        assertThat(failures).containsExactly(outcome.error());
        assertThat(outcome.userMessage().seq()).isEqualTo(1);
        List<Message> stored = desk.store().messages().list(s.id());
        assertThat(ContentItems.plainText(stored.get(0).contentJson())).isEqualTo(text);
        assertThat(stored.get(0).role()).isEqualTo(Role.USER);
        ChainReport chain = desk.store().verifier().verifySession(s.id());
        assertThat(chain.ok()).isTrue();
        if (!expectPartial) {
            assertThat(stored).hasSize(1);
            assertThat(outcome.reply()).isNull();
            return null;
        }
        assertThat(stored).hasSize(2);
        assertThat(stored.get(1).state()).isEqualTo(MessageState.INTERRUPTED);
        assertThat(chain.messagesChecked()).isEqualTo(2);
        return stored.get(1);
    }

    @Test
    void retryAfterAFailureAnswersTheSavedMessageWithoutSavingItTwice() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        useEndpoint("http://127.0.0.1:" + port + "/v1", Duration.ofSeconds(5));
        Session s = newSession();
        assertThat(desk.replies().send(s.id(), "Please answer", ReplyListener.NONE).done().get().state())
                .isEqualTo(ReplyState.FAILED);
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.streaming(List.of("Now ", "I can."), Duration.ofMillis(5)))) {
            useEndpoint(server.baseUrl(), Duration.ofSeconds(5));
            ReplyOutcome retried = desk.replies().retry(s.id(), ReplyListener.NONE).done().get(20, TimeUnit.SECONDS);
            assertThat(retried.state()).isEqualTo(ReplyState.COMPLETE);
            assertThat(retried.userMessage()).isNull();
            List<Message> stored = desk.store().messages().list(s.id());
            assertThat(stored).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT);
            assertThat(ContentItems.plainText(stored.get(1).contentJson())).isEqualTo("Now I can.");
            assertThat(server.requestBodies.get(0).split("Please answer", -1)).hasSize(2); // sent once
        }
    }

    @Test
    void twoSessionsStreamAtTheSameTime() throws Exception {
        CountDownLatch bothAsked = new CountDownLatch(2);
        FakeChatServer.Behaviour stream = FakeChatServer.streaming(TOKENS, Duration.ofMillis(40));
        // The server answers only once both requests are in, so the two streams overlap on any machine.
        try (FakeChatServer server = FakeChatServer.start((ex, srv) -> {
            bothAsked.countDown();
            bothAsked.await(20, TimeUnit.SECONDS);
            stream.respond(ex, srv);
        });
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + desk.store().dbFile())) {
            useEndpoint(server.baseUrl(), Duration.ofSeconds(10));
            Session a = newSession();
            Session b = newSession();
            ReplyHandle ra = desk.replies().send(a.id(), "first window", ReplyListener.NONE);
            ReplyHandle rb = desk.replies().send(b.id(), "second window", ReplyListener.NONE);
            boolean bothStreamingAtOnce = false;
            while (!(ra.done().isDone() && rb.done().isDone())) {
                Row rowA = readRow(other, a.id(), 2);
                Row rowB = readRow(other, b.id(), 2);
                bothStreamingAtOnce |= rowA != null && rowB != null
                        && rowA.state().equals("streaming") && rowB.state().equals("streaming");
                Thread.sleep(15);
            }
            assertThat(bothStreamingAtOnce).isTrue();
            for (Session s : List.of(a, b)) {
                List<Message> stored = desk.store().messages().list(s.id());
                assertThat(stored).hasSize(2);
                assertThat(ContentItems.plainText(stored.get(1).contentJson())).isEqualTo(FULL);
                assertThat(desk.store().verifier().verifySession(s.id()).ok()).isTrue();
            }
            assertThat(ContentItems.plainText(desk.store().messages().get(a.id(), 1).orElseThrow().contentJson()))
                    .isEqualTo("first window");
            assertThat(ContentItems.plainText(desk.store().messages().get(b.id(), 1).orElseThrow().contentJson()))
                    .isEqualTo("second window");
        }
    }

    @Test
    void theOfflineAssistantIsTheDefaultAndAnswersDeterministically() throws Exception {
        assertThat(desk.assistants().settings().isOffline()).isTrue();
        desk.assistants().use(AssistantSettings.offline(), new OfflineAssistant(Duration.ofMillis(2)));
        Session a = newSession();
        Session b = newSession();
        List<String> deltas = new CopyOnWriteArrayList<>();
        ReplyOutcome first = desk.replies().send(a.id(), "What is SessionDesk?", new ReplyListener() {
            @Override
            public void delta(String text) {
                deltas.add(text);
            }
        }).done().get(20, TimeUnit.SECONDS);
        ReplyOutcome second = desk.replies().send(b.id(), "What is SessionDesk?", ReplyListener.NONE).done().get(20, TimeUnit.SECONDS);

        assertThat(first.state()).isEqualTo(ReplyState.COMPLETE);
        assertThat(first.text()).startsWith(OfflineAssistant.LABEL).contains("What is SessionDesk?")
                .isEqualTo(second.text());
        assertThat(deltas).hasSizeGreaterThan(10); // streamed word by word
        assertThat(String.join("", deltas)).isEqualTo(first.text());
        assertThat(desk.store().messages().get(a.id(), 2).orElseThrow().state()).isEqualTo(MessageState.COMPLETE);
    }

    @Test
    void aMessageThatCannotBeSavedIsNotSent() throws Exception {
        Session s = newSession();
        desk.sessions().trash(s.id());
        ReplyOutcome outcome = desk.replies().send(s.id(), "into the trash?", ReplyListener.NONE).done()
                .get(10, TimeUnit.SECONDS);
        assertThat(outcome.state()).isEqualTo(ReplyState.NOT_SAVED);
        assertThat(outcome.error()).contains("is in the trash");
        assertThat(desk.store().messages().list(s.id())).isEmpty();
    }

    @Test
    void anAbandonedStreamIsMarkedInterruptedAtStartAndHashedWithItsLastCheckpoint() throws Exception {
        Session s = newSession();
        AppendResult user = desk.store().messages().append(s.id(), dev.sessiondesk.model.NewMessage.text(Role.USER, "hi"));
        var stream = desk.store().messages().beginStreaming(s.id(),
                dev.sessiondesk.model.NewMessage.text(Role.ASSISTANT, "partial"));
        desk.store().messages().checkpoint(stream, ContentItems.textArray("partial reply"));
        // While streaming: outside the chain, the session still ends at the user's message.
        assertThat(desk.store().verifier().verifySession(s.id()).messagesChecked()).isEqualTo(1);
        assertThat(desk.sessions().require(s.id()).headHash()).isEqualTo(user.hash());

        assertThat(desk.replies().recoverAbandonedReplies()).isEqualTo(1);

        Message m = desk.store().messages().get(s.id(), 2).orElseThrow();
        assertThat(m.state()).isEqualTo(MessageState.INTERRUPTED);
        assertThat(ContentItems.plainText(m.contentJson())).isEqualTo("partial reply");
        assertThat(m.hash()).isEqualTo(HashChain.next(user.hash(), m.body()));
        assertThat(desk.sessions().require(s.id()).headHash()).isEqualTo(m.hash());
        assertThat(desk.store().verifier().verifySession(s.id()).ok()).isTrue();
        assertThat(desk.replies().recoverAbandonedReplies()).isZero();
    }

    @Test
    void theFirstExchangeGetsATitleFromTheFirstMessageWhenOffline() throws Exception {
        desk.assistants().use(AssistantSettings.offline(), new OfflineAssistant(Duration.ZERO));
        Session s = newSession();
        ReplyHandle reply = desk.replies().send(s.id(), "# Plan a *trip* to Lisbon\nwith kids", ReplyListener.NONE);
        assertThat(reply.done().get(10, TimeUnit.SECONDS).state()).isEqualTo(ReplyState.COMPLETE);
        assertThat(reply.title().get(10, TimeUnit.SECONDS)).contains("Plan a trip to Lisbon");
        assertThat(desk.sessions().require(s.id()).title()).isEqualTo("Plan a trip to Lisbon");
        // A second exchange does not retitle.
        ReplyHandle again = desk.replies().send(s.id(), "Something else", ReplyListener.NONE);
        again.done().get(10, TimeUnit.SECONDS);
        assertThat(again.title().get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(desk.sessions().require(s.id()).title()).isEqualTo("Plan a trip to Lisbon");
    }

    @Test
    void textReceivedBeforeAPauseIsSavedWithinACheckpointIntervalDuringThePause() throws Exception {
        CountDownLatch paused = new CountDownLatch(1);
        try (FakeChatServer server = FakeChatServer.start((ex, srv) -> {
            FakeChatServer.startStream(ex);
            for (String t : List.of("quick ", "burst ", "then ")) {
                FakeChatServer.write(ex, FakeChatServer.chunk(t));
            }
            paused.countDown();
            srv.sleepOrClose(Duration.ofMillis(3000));
            FakeChatServer.write(ex, FakeChatServer.chunk("more"));
            FakeChatServer.write(ex, "data: [DONE]\n\n");
        })) {
            useEndpoint(server.baseUrl(), Duration.ofSeconds(10));
            Session s = newSession();
            ReplyHandle reply = desk.replies().send(s.id(), "burst", ReplyListener.NONE);
            assertThat(paused.await(20, TimeUnit.SECONDS)).isTrue();
            // The row was created at the first token; the rest of the burst is only saved by the clock.
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2500);
            String saved = "";
            while (System.nanoTime() < deadline && !saved.equals("quick burst then ")) {
                saved = desk.store().messages().get(s.id(), 2).map(m -> ContentItems.plainText(m.contentJson())).orElse("");
                Thread.sleep(20);
            }
            assertThat(saved).isEqualTo("quick burst then ");
            assertThat(desk.store().messages().get(s.id(), 2).orElseThrow().state()).isEqualTo(MessageState.STREAMING);
            assertThat(reply.done().isDone()).isFalse();
            assertThat(reply.done().get(20, TimeUnit.SECONDS).text()).isEqualTo("quick burst then more");
        }
    }

    @Test
    void aMessageAddedByAnotherClientMidReplyInterruptsItAndTheChainStaysInOrder() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.streaming(TOKENS, Duration.ofMillis(40)))) {
            useEndpoint(server.baseUrl(), Duration.ofSeconds(10));
            Session s = newSession();
            CountDownLatch streaming = new CountDownLatch(2);
            ReplyHandle reply = desk.replies().send(s.id(), "long answer please", new ReplyListener() {
                @Override
                public void delta(String text) {
                    streaming.countDown();
                }
            });
            assertThat(streaming.await(20, TimeUnit.SECONDS)).isTrue();
            // e.g. `sessiondesk add` from a terminal while the window streams
            AppendResult added = desk.store().messages().append(s.id(),
                    dev.sessiondesk.model.NewMessage.text(Role.USER, "added elsewhere"));
            ReplyOutcome outcome = reply.done().get(20, TimeUnit.SECONDS);

            assertThat(added.seq()).isEqualTo(3);
            assertThat(outcome.state()).isEqualTo(ReplyState.FAILED);
            assertThat(outcome.error()).contains("another message was added");
            List<Message> stored = desk.store().messages().list(s.id());
            assertThat(stored).hasSize(3);
            assertThat(stored.get(1).state()).isEqualTo(MessageState.INTERRUPTED);
            assertThat(desk.store().verifier().verifySession(s.id()).ok()).isTrue();
        }
    }

    @Test
    void closingTheAppMidReplySavesThePartialAsInterrupted() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.streaming(TOKENS, Duration.ofMillis(40)))) {
            useEndpoint(server.baseUrl(), Duration.ofSeconds(10));
            Session s = newSession();
            CountDownLatch streaming = new CountDownLatch(2);
            ReplyHandle reply = desk.replies().send(s.id(), "keep going", new ReplyListener() {
                @Override
                public void delta(String text) {
                    streaming.countDown();
                }
            });
            assertThat(streaming.await(20, TimeUnit.SECONDS)).isTrue();
            desk.close();
            ReplyOutcome outcome = reply.done().get(1, TimeUnit.SECONDS); // close() waited for it
            assertThat(outcome.state()).isEqualTo(ReplyState.FAILED);
            assertThat(outcome.error()).contains("SessionDesk closed");
        }
        desk = SessionDesk.open(dir.resolve("data"));
        assertThat(desk.replies().recoverAbandonedReplies()).isZero(); // nothing was left streaming
        Message partial = desk.store().messages().get(newestSession().id(), 2).orElseThrow();
        assertThat(partial.state()).isEqualTo(MessageState.INTERRUPTED);
        assertThat(FULL).startsWith(ContentItems.plainText(partial.contentJson()));
    }

    private Session newestSession() {
        return desk.sessions().list(dev.sessiondesk.store.SessionQuery.all()).get(0);
    }

    @Test
    void continueSendsThePartialAsTheLastAssistantTurnAndSavesANewMessage() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.streaming(List.of("rest."), Duration.ZERO))) {
            useEndpoint(server.baseUrl(), Duration.ofSeconds(10));
            Session s = newSession();
            desk.store().messages().append(s.id(), dev.sessiondesk.model.NewMessage.text(Role.USER, "write a poem"));
            var stream = desk.store().messages().beginStreaming(s.id(),
                    dev.sessiondesk.model.NewMessage.text(Role.ASSISTANT, "Roses are red,"));
            desk.store().messages().finishStreaming(stream, ContentItems.textArray("Roses are red,"), MessageState.INTERRUPTED);

            ReplyOutcome outcome = desk.replies().continueReply(s.id(), ReplyListener.NONE).done().get(20, TimeUnit.SECONDS);

            assertThat(outcome.state()).isEqualTo(ReplyState.COMPLETE);
            var body = dev.sessiondesk.model.CanonicalJson.MAPPER.readTree(server.requestBodies.get(0)).path("messages");
            assertThat(body).hasSize(2);
            assertThat(body.get(1).path("role").asText()).isEqualTo("assistant");
            assertThat(body.get(1).path("content").asText()).isEqualTo("Roses are red,");
            List<Message> stored = desk.store().messages().list(s.id());
            assertThat(stored).extracting(Message::state).containsExactly(MessageState.COMPLETE,
                    MessageState.INTERRUPTED, MessageState.COMPLETE);
            assertThat(desk.store().verifier().verifySession(s.id()).ok()).isTrue();
        }
    }

    @Test
    void messagesHiddenFromTheAgentStayStoredButAreNotSent() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.streaming(List.of("ok"), Duration.ZERO))) {
            useEndpoint(server.baseUrl(), Duration.ofSeconds(10));
            Session s = newSession();
            desk.store().messages().append(s.id(), new dev.sessiondesk.model.NewMessage(null, Role.USER, 1L,
                    ContentItems.textArray("compacted away"), true, false));
            desk.store().messages().append(s.id(), new dev.sessiondesk.model.NewMessage(null, Role.ASSISTANT, 2L,
                    ContentItems.textArray("summary for the agent"), false, true));
            assertThat(desk.replies().send(s.id(), "next question", ReplyListener.NONE).done().get(20, TimeUnit.SECONDS)
                    .state()).isEqualTo(ReplyState.COMPLETE);
            var sent = dev.sessiondesk.model.CanonicalJson.MAPPER.readTree(server.requestBodies.get(0)).path("messages");
            assertThat(sent).hasSize(2);
            assertThat(sent.get(0).path("content").asText()).isEqualTo("summary for the agent");
            assertThat(sent.get(1).path("content").asText()).isEqualTo("next question");
            assertThat(desk.store().messages().list(s.id())).hasSize(4); // nothing deleted
        }
    }

    @Test
    void aReplyEndedByAnotherWriterBetweenCheckpointsReportsItInsteadOfComplete() throws Exception {
        Session s = newSession();
        Assistant interleaving = new Assistant() {
            @Override
            public void streamReply(List<ChatTurn> conversation, DeltaSink sink, Cancellation cancellation) {
                sink.delta("first ");
                // Another client appends while this reply streams, before any checkpoint could notice.
                desk.store().messages().append(s.id(), dev.sessiondesk.model.NewMessage.text(Role.USER, "meanwhile"));
                sink.delta("second");
            }

            @Override
            public String describe() {
                return "an interleaving test assistant";
            }
        };
        try (ReplyService slowCheckpoints = new ReplyService(desk.store(), () -> interleaving, null, Duration.ofSeconds(30),
                desk.workers())) {
            ReplyOutcome outcome = slowCheckpoints.send(s.id(), "question", ReplyListener.NONE).done().get(20, TimeUnit.SECONDS);
            assertThat(outcome.state()).isEqualTo(ReplyState.FAILED);
            assertThat(outcome.error()).contains("another message was added");
            assertThat(outcome.reply()).isNull();
        }
        List<Message> stored = desk.store().messages().list(s.id());
        assertThat(stored).extracting(Message::state).containsExactly(MessageState.COMPLETE, MessageState.INTERRUPTED,
                MessageState.COMPLETE);
        assertThat(ContentItems.plainText(stored.get(1).contentJson())).isEqualTo("first ");
        assertThat(desk.store().verifier().verifySession(s.id()).ok()).isTrue();
    }

    @Test
    void aReplyToAnAlreadySavedMessageDoesNotSaveItAgainAndSyncCheckpointsThePartial() throws Exception {
        Session s = newSession();
        desk.store().messages().append(s.id(), dev.sessiondesk.model.NewMessage.text(Role.USER, "saved by the window"));
        java.util.concurrent.CountDownLatch secondTokenSent = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Assistant pausing = new Assistant() {
            @Override
            public void streamReply(List<ChatTurn> conversation, DeltaSink sink, Cancellation cancellation) {
                assertThat(conversation).hasSize(1);
                sink.delta("half ");
                sink.delta("way");
                secondTokenSent.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sink.delta(" done");
            }

            @Override
            public String describe() {
                return "a pausing test assistant";
            }
        };
        // Checkpoints every 30 s: only checkpointStreaming() can put "half way" into the row in time.
        try (ReplyService replies = new ReplyService(desk.store(), () -> pausing, null, Duration.ofSeconds(30),
                desk.workers())) {
            ReplyHandle handle = replies.retry(s.id(), ReplyListener.NONE);
            assertThat(secondTokenSent.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(replies.checkpointStreaming()).isEqualTo(1);
            Message partial = desk.store().messages().list(s.id()).get(1);
            assertThat(partial.state()).isEqualTo(MessageState.STREAMING);
            assertThat(ContentItems.plainText(partial.contentJson())).isEqualTo("half way");
            release.countDown();
            assertThat(handle.done().get(20, TimeUnit.SECONDS).state()).isEqualTo(ReplyState.COMPLETE);
            assertThat(replies.checkpointStreaming()).isZero();
        }
        List<Message> stored = desk.store().messages().list(s.id());
        assertThat(stored).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT);
        assertThat(ContentItems.plainText(stored.get(1).contentJson())).isEqualTo("half way done");
    }
}
