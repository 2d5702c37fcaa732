package dev.sessiondesk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.importer.ImportFormat;
import dev.sessiondesk.app.importer.ImportOptions;
import dev.sessiondesk.app.importer.ImportProgress;
import dev.sessiondesk.app.importer.ImportReport;
import dev.sessiondesk.model.GooseMessages;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Session;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/** Fast checks of what the child-JVM benchmarks rely on; the benchmarks themselves run only with -Pbench. */
class ChildProbesTest {

    @Test
    void theGeneratedGooseFilesImportAsExactlyTheGeneratedMessages(@TempDir Path tmp) throws Exception {
        ConversationGenerator generator = new ConversationGenerator(7);
        int[] lengths = {3, 12, 1};
        GooseJsonlCorpus.write(tmp.resolve("goose"), generator, lengths);
        try (SessionDesk desk = SessionDesk.open(tmp.resolve("store"))) {
            ImportReport report = desk.importer().importPath(tmp.resolve("goose"),
                    ImportOptions.defaults().withFormat(ImportFormat.GOOSE_JSONL), ImportProgress.NONE);
            assertThat(report.imported()).isEqualTo(3);
            assertThat(report.skippedSessions()).isZero();
            assertThat(report.messagesAdded()).isEqualTo(16);
            List<Session> sessions = desk.store().sessions().list(dev.sessiondesk.store.SessionQuery.all()).stream()
                    .sorted(Comparator.comparing(Session::title)).toList();
            Set<Integer> counts = sessions.stream().map(Session::messageCount).collect(Collectors.toSet());
            assertThat(counts).containsExactlyInAnyOrder(3, 12, 1);
            Session twelve = sessions.stream().filter(s -> s.messageCount() == 12).findFirst().orElseThrow();
            List<Message> stored = desk.store().messages().list(twelve.id());
            List<NewMessage> expected = generator.conversation(1, 12);
            for (int i = 0; i < 12; i++) {
                assertThat(new String(GooseMessages.canonicalBytes(stored.get(i).body()), StandardCharsets.UTF_8))
                        .isEqualTo(new String(GooseMessages.canonicalBytes(expected.get(i)), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void anEventStreamClientCountsMissingAndDuplicatedMessagesAsLostButNotOnesAfterTheReference() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread fake = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    StringBuilder events = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n");
                    events.append("id: 5\ndata: {\"type\":\"ActiveRequests\"}\n\n");
                    for (long id : new long[] {6, 7, 7, 9, 12}) {
                        events.append("data: {\"type\":\"Message\",\"piece\":true}\n\n"); // a delta: no id
                        events.append("id: ").append(id).append("\ndata: {\"type\":\"Message\"}\n\n");
                    }
                    s.getOutputStream().write(events.toString().getBytes(StandardCharsets.UTF_8));
                    s.getOutputStream().flush();
                    Thread.sleep(2_000);
                } catch (Exception e) {
                    // the test is over
                }
            });
            fake.setDaemon(true);
            fake.start();
            try (SseClient client = new SseClient(server.getLocalPort(), "s1", "token")) {
                client.awaitStart();
                assertThat(client.startSeq()).isEqualTo(5);
                SseClient.Check check = client.check(List.of(6L, 7L, 8L, 9L, 10L), 10, 1_000);
                assertThat(check.expected()).isEqualTo(5);
                assertThat(check.received()).isEqualTo(3); // 6, 7, 9; 8 and 10 never came; 12 is after the reference
                assertThat(check.missing()).isEqualTo(2);
                assertThat(check.duplicates()).isEqualTo(1);
                assertThat(check.lost()).isEqualTo(3);
                assertThat(client.checkUpTo(7, 0).lost()).isEqualTo(1); // up to 7: only the duplicate
            }
        }
    }

    @Test
    void theStallDetectorSeesTheFxThreadBlocked() throws Exception {
        FxToolkit.registerPrimaryStage();
        StallDetector.Result blocked = StallDetector.measure(Duration.ofMillis(400), () -> Platform.runLater(() -> {
            long until = System.nanoTime() + 150_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }));
        assertThat(blocked.maxMillis()).isGreaterThanOrEqualTo(100);
        assertThat(blocked.maxGapMillis()).isGreaterThanOrEqualTo(100);
        assertThat(blocked.delaysNanos().length).isGreaterThan(10);
    }
}
