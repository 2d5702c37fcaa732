package dev.sessiondesk.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.Launcher;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The live event stream: ids and replay, pings, many clients, a slow one, and writers in other processes. */
class ApiEventsTest {
    @TempDir
    Path tmp;
    ApiFixture api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static JsonNode data(SseClient.Event e) throws Exception {
        return CanonicalJson.MAPPER.readTree(e.data());
    }

    private String session() {
        return api.desk.sessions().create("Live", null).id();
    }

    @Test
    void eventsCarrySeqIdsAndLastEventIdReplaysWhatWasMissed() throws Exception {
        api = new ApiFixture(tmp);
        String id = session();
        api.desk.sessions().append(id, NewMessage.text(Role.USER, "one"));
        api.desk.sessions().append(id, NewMessage.text(Role.ASSISTANT, "two"));
        try (SseClient first = new SseClient(api.server.port(), "/sessions/" + id + "/events", api.token(), null)) {
            SseClient.Event position = first.next("ActiveRequests", 5_000);
            assertThat(position.id()).isEqualTo(2L); // no Last-Event-ID: "you are at seq 2", nothing replayed
            api.desk.sessions().append(id, NewMessage.text(Role.USER, "three"));
            api.changes.changed(id);
            SseClient.Event three = first.next("three", 5_000);
            assertThat(three.id()).isEqualTo(3L);
            assertThat(data(three).get("type").asText()).isEqualTo("Message");
        }
        api.desk.sessions().append(id, NewMessage.text(Role.ASSISTANT, "four, while nobody listened"));
        try (SseClient again = new SseClient(api.server.port(), "/sessions/" + id + "/events", api.token(), "1")) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                SseClient.Event e = again.next("", 5_000);
                if (e.id() != null && !e.data().contains("ActiveRequests")) {
                    ids.add(e.id());
                }
            }
            assertThat(ids).containsExactly(2L, 3L, 4L);
        }
    }

    @Test
    void idleStreamsGetPings() throws Exception {
        api = new ApiFixture(tmp, o -> o.withEventQueue(64, Duration.ofMillis(200)));
        String id = session();
        try (SseClient sse = new SseClient(api.server.port(), "/sessions/" + id + "/events", api.token(), null)) {
            SseClient.Event ping = sse.next("Ping", 5_000);
            assertThat(ping).isNotNull();
            assertThat(ContractSchemas.violations("MessageEvent", data(ping))).isEmpty();
        }
    }

    @Test
    void manyClientsEachGetEveryMessageOnceInOrder() throws Exception {
        api = new ApiFixture(tmp);
        String id = session();
        List<SseClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                SseClient c = new SseClient(api.server.port(), "/sessions/" + id + "/events", api.token(), null);
                assertThat(c.next("ActiveRequests", 5_000)).isNotNull();
                clients.add(c);
            }
            for (int n = 1; n <= 20; n++) {
                api.desk.sessions().append(id, NewMessage.text(n % 2 == 1 ? Role.USER : Role.ASSISTANT, "message " + n));
                api.changes.changed(id);
            }
            for (SseClient c : clients) {
                List<Long> ids = new ArrayList<>();
                while (ids.size() < 20) {
                    SseClient.Event e = c.next("\"Message\"", 10_000);
                    assertThat(e).as("client %d after %s", clients.indexOf(c), ids).isNotNull();
                    ids.add(e.id());
                }
                assertThat(ids).isEqualTo(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
            }
        } finally {
            for (SseClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedAndTheOthersKeepUp() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(EventStream.class);
        logger.addAppender(logs);
        logs.start();
        try {
            api = new ApiFixture(tmp, o -> o.withEventQueue(16, Duration.ofSeconds(30)));
            String id = session();
            try (Socket stalled = new Socket("127.0.0.1", api.server.port());
                 SseClient reading = new SseClient(api.server.port(), "/sessions/" + id + "/events", api.token(), null)) {
                stalled.setReceiveBufferSize(4096);
                stalled.getOutputStream().write(("GET /sessions/" + id + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "X-Secret-Key: " + api.token() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                stalled.getOutputStream().flush(); // ... and never reads a byte
                Thread.sleep(300);
                String big = "x".repeat(64 * 1024);
                int sent = 0;
                long deadline = System.currentTimeMillis() + 30_000;
                while (System.currentTimeMillis() < deadline
                        && logs.list.stream().noneMatch(e -> e.getFormattedMessage().contains("dropped the slow"))) {
                    api.desk.sessions().append(id, NewMessage.text(Role.USER, big + sent));
                    api.changes.changed(id);
                    sent++;
                    Thread.sleep(5);
                }
                assertThat(logs.list).anyMatch(e -> e.getFormattedMessage().contains("dropped the slow event-stream client")
                        && e.getFormattedMessage().contains("16 events were waiting"));
                // The reader that keeps up received every message, the last one included.
                long last = -1;
                while (last < sent) {
                    SseClient.Event e = reading.next("\"Message\"", 10_000);
                    assertThat(e).as("message %d of %d", last + 1, sent).isNotNull();
                    last = e.id();
                }
                assertThat(last).isEqualTo(sent);
                // The server resets the dropped connection (its unread backlog is discarded, not
                // trickled out): reading ends at once, with a reset or at the end of the stream.
                stalled.setSoTimeout(10_000);
                long readFrom = System.nanoTime();
                String ended;
                try {
                    stalled.getInputStream().readAllBytes();
                    ended = "end of stream";
                } catch (java.net.SocketTimeoutException e) {
                    ended = "still open after 10 s";
                } catch (java.io.IOException e) {
                    ended = "reset";
                }
                assertThat(ended).isIn("reset", "end of stream");
                assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - readFrom)).isLessThan(5);
            }
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void aCliAddInAnotherProcessReachesAnOpenStreamWithin200ms() throws Exception {
        api = new ApiFixture(tmp);
        String id = session();
        Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsessiondesk.logDir=" + tmp.resolve("logs"), "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName(), "--data-dir", api.data.toString(), "add", id, "--jsonl", "-").start();
        try (SseClient sse = new SseClient(api.server.port(), "/sessions/" + id + "/events", api.token(), null);
             PrintWriter in = new PrintWriter(cli.getOutputStream(), true, StandardCharsets.UTF_8);
             BufferedReader out = new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(sse.next("ActiveRequests", 5_000)).isNotNull();
            long worstMs = 0;
            for (int i = 1; i <= 5; i++) {
                in.println("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"from the CLI " + i + "\"}]}");
                String ack = out.readLine(); // printed by the child after its commit
                long ackedAt = System.nanoTime();
                assertThat(ack).startsWith(i + " ");
                SseClient.Event e = sse.next("from the CLI " + i, 5_000);
                assertThat(e).isNotNull();
                assertThat(e.id()).isEqualTo((long) i);
                worstMs = Math.max(worstMs, TimeUnit.NANOSECONDS.toMillis(Math.max(0, e.receivedNanos() - ackedAt)));
            }
            assertThat(worstMs).as("commit in another process to the event stream, worst of 5").isLessThanOrEqualTo(200);
        } finally {
            cli.destroyForcibly();
        }
    }

    @Test
    void anUnknownSessionHasNoStream() throws Exception {
        api = new ApiFixture(tmp);
        assertThat(api.get("/sessions/0000nope/events").statusCode()).isEqualTo(404);
    }
}
