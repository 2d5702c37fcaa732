package dev.sessiondesk.bench;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.api.ApiOptions;
import dev.sessiondesk.app.api.ApiServer;
import dev.sessiondesk.app.assistant.AssistantSettings;
import dev.sessiondesk.app.assistant.OfflineAssistant;
import dev.sessiondesk.app.assistant.ReplyListener;
import dev.sessiondesk.app.chat.SessionChanges;
import dev.sessiondesk.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local API under load on loopback: 50 event-stream clients on a session into which replies
 * stream back to back (through ReplyService, as from a window), while {@code GET /sessions} arrives
 * at 200 requests/s on a fixed schedule. Latency is measured from each request's scheduled time (so
 * a stall cannot hide by delaying the next request); the baseline is the same request on the idle
 * server. Lost events: every client must receive every finished message of the run, once, in order.
 */
final class ApiLoadBenchmark implements Benchmark {
    static final String LATENCY = "API `GET /sessions` at 200 req/s with 50 event streams and a streaming reply, p99";
    static final String LOST = "API event streams: finished messages lost across 50 clients";
    private static final Target LATENCY_TARGET = Target.millisAtMost(20);
    private static final Target LOST_TARGET = new Target("0", Target.Basis.MEASURED, Target.Bound.AT_MOST, 0);
    private static final int CLIENTS = 50;
    private static final int RATE = 200;
    private static final int SESSIONS = 200;
    private static final int CONNECTIONS = 8;

    @Override
    public String name() {
        return "local API load";
    }

    @Override
    public List<PlannedRow> plannedRows() {
        return List.of(new PlannedRow(LATENCY, LATENCY_TARGET), new PlannedRow(LOST, LOST_TARGET));
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        BenchConfig cfg = ctx.config();
        Path dir = ctx.workDir("api-load");
        Path data = dir.resolve("store");
        String streamSession;
        try (Store store = Store.open(data)) {
            CorpusSeeder seeder = new CorpusSeeder(cfg.seed());
            for (int i = 0; i < SESSIONS; i++) {
                seeder.writeSession(store, i, 20);
            }
            streamSession = seeder.writeSession(store, SESSIONS, 4).id();
        }
        Duration runFor = Duration.ofSeconds(cfg.quick() ? 5 : 20);
        try (SessionDesk desk = SessionDesk.open(data);
             ApiServer api = ApiServer.start(desk, new SessionChanges(), ApiOptions.loopback(dir.resolve("config"), 0))) {
            desk.assistants().use(AssistantSettings.offline(), new OfflineAssistant(Duration.ofMillis(5)));
            String token = api.token().reveal();
            // The baseline: the same request, one at a time, on the idle server.
            Samples idle = ScheduledGets.oneAtATime(api.port(), token, "/sessions", 100, 200);

            List<SseClient> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(new SseClient(api.port(), streamSession, token));
            }
            SseClient.awaitStart(clients);
            AtomicBoolean streaming = new AtomicBoolean(true);
            AtomicInteger replies = new AtomicInteger();
            Thread writer = new Thread(() -> {
                while (streaming.get()) {
                    try {
                        desk.replies().send(streamSession, "question " + replies.incrementAndGet(), ReplyListener.NONE)
                                .done().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        ctx.log("a streaming reply failed: " + e);
                        return;
                    }
                }
            }, "bench-api-replies");
            writer.start();

            // A phone app keeps a few connections open: 8 keep-alive connections take the scheduled requests.
            ScheduledGets gets = ScheduledGets.run(api.port(), token, "/sessions", CONNECTIONS, RATE, runFor,
                    Duration.ofSeconds(30));
            streaming.set(false);
            writer.join(30_000);
            Samples loaded = gets.latencies();

            int finalSeq = desk.store().sessions().require(streamSession).messageCount();
            long lost = 0;
            for (SseClient c : clients) {
                lost += c.checkUpTo(finalSeq, 10_000).lost();
                c.close();
            }
            if (gets.firstFailure() != null) {
                ctx.note("API load: " + gets.failures() + " requests failed; the first: " + gets.firstFailure());
            }
            ctx.note(String.format("API load: %d sessions listed per request, %,d requests in %d s (%d failed), %d replies"
                            + " streamed (%d finished messages) to %d clients; p50 %s, max %s; idle p50 %s.",
                    SESSIONS + 1, loaded.count(), runFor.toSeconds(), gets.failures(), replies.get(),
                    finalSeq - clients.get(0).startSeq(), CLIENTS, Format.ms(loaded.medianMillis()),
                    Format.ms(loaded.maxMillis()), Format.ms(idle.medianMillis())));
            String lostNote = gets.failures() > 0 ? gets.failures() + " requests failed, first: " + gets.firstFailure() : null;
            return List.of(
                    Figure.measured(LATENCY, Format.ms(loaded.p99Millis()), loaded.p99Millis(),
                            "idle server p99 " + Format.ms(idle.p99Millis()), loaded.p99Millis() / idle.p99Millis(),
                            LATENCY_TARGET, lostNote),
                    Figure.measured(LOST, String.valueOf(lost), lost, "—", null, LOST_TARGET, null));
        }
    }
}
