package dev.sessiondesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.api.ApiSettings;
import dev.sessiondesk.app.api.ApiToken;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.store.Store;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local API under load while the GUI streams, in one GUI process: a client JVM ({@link GuiProbe}
 * stall with {@code api}) restores 3 windows and starts the API itself (this side turned it on in
 * the settings, as Preferences does); while the windows stream, this JVM drives 50 event streams
 * (15 on each streaming session, 5 on quiet ones) and {@code GET /sessions} at 200 requests/s in two
 * load phases, between quiet phases of the same streaming (see {@link ApiLoadPhases}). Rows: the
 * request p99 (baseline: one request at a time before the streaming), events lost (each client's
 * event ids against the finished seqs the store holds after the phase), and the FX-thread stall
 * with the load against without it in the same process and run.
 */
final class ApiWhileStreamingBenchmark implements Benchmark {
    static final String LATENCY = "API `GET /sessions` at 200 req/s with 50 event streams while 3 windows stream, p99";
    static final String LOST = "API event streams while 3 windows stream: finished messages lost across 50 clients";
    static final String STALL_P99 = "FX-thread stall p99 while 3 windows stream, with that API load";
    static final String STALL_MAX = "longest FX-thread stall while 3 windows stream, with that API load";
    private static final Target LATENCY_TARGET = Target.millisAtMost(20);
    private static final Target LOST_TARGET = new Target("0", Target.Basis.MEASURED, Target.Bound.AT_MOST, 0);
    private static final Target STALL_TARGET = Target.ratioAtMost(1.5, "without API load");
    static final String FX_CPU = "FX-thread CPU per transcript update while 3 windows stream, with that API load";
    /**
     * FX work per change of a transcript page, independent of the machine's other load (per word it
     * moves with how many words one update carries, which the machine's load sets): the API must not add any.
     */
    private static final Target FX_CPU_TARGET = Target.ratioAtMost(1.25, "without API load");
    private static final int PHASES = 11;
    private static final int TOKEN_MILLIS = 5;
    private static final int LENGTH = 500;
    private static final int SESSIONS = 200;
    private static final int CLIENTS_PER_STREAMING_SESSION = 15;
    private static final int CLIENTS_ON_QUIET_SESSIONS = 5;
    private static final int RATE = 200;
    private static final int CONNECTIONS = 8;

    @Override
    public String name() {
        return "local API load while the GUI streams";
    }

    @Override
    public List<PlannedRow> plannedRows() {
        return List.of(new PlannedRow(LATENCY, LATENCY_TARGET), new PlannedRow(LOST, LOST_TARGET),
                new PlannedRow(STALL_P99, STALL_TARGET), new PlannedRow(STALL_MAX, STALL_TARGET),
                new PlannedRow(FX_CPU, FX_CPU_TARGET));
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        BenchConfig cfg = ctx.config();
        int seconds = cfg.quick() ? 5 : 15;
        Path dir = ctx.workDir("api-stall");
        Path data = dir.resolve("store");
        List<String> streamingSessions;
        List<String> quietSessions;
        try (Store store = Store.open(data)) {
            long ordinary = (SESSIONS - 3) * 20L;
            CorpusSeeder.SeededCorpus corpus = new CorpusSeeder(cfg.seed() + 3).seed(store,
                    new CorpusShape(SESSIONS, 3L * LENGTH + ordinary, List.of(LENGTH, LENGTH, LENGTH)), s -> { });
            List<String> ids = corpus.sessions().stream().map(CorpusSeeder.SeededSession::id).toList();
            streamingSessions = ids.subList(0, 3);
            quietSessions = ids.subList(3, 3 + CLIENTS_ON_QUIET_SESSIONS);
            WindowRestoreSetup.openWindowsOn(store, streamingSessions);
        }
        // Turned on as the user does in Preferences: the client starts it at launch, on any free port.
        Path config = data.resolve("config");
        new ApiSettings(true, 0, false, null).save(config);
        String token = ApiToken.loadOrCreate(config).reveal();

        LoadDriver driver = new LoadDriver(token, streamingSessions, quietSessions);
        ChildJvm.Run run;
        try (CpuHog hog = CpuHog.requested() ? CpuHog.start() : null) {
            run = ChildJvm.converse(ctx, dir, "api-stall", "1g", true, GuiProbe.class,
                    List.of("stall", data.toString(), Integer.toString(seconds), Integer.toString(TOKEN_MILLIS), "api"),
                    300, driver::heard);
        }
        if (run.millis("windows") != 3 || run.millis("repliesFinished") < 3) {
            throw new IllegalStateException("the streaming did not reach the windows: " + run.reports());
        }
        return figures(ctx, run, driver, seconds);
    }

    private static List<Figure> figures(BenchContext ctx, ChildJvm.Run run, LoadDriver d, int seconds) {
        Samples loaded = d.latencies;
        double quietP99 = run.number("quietP99Ms");
        double loadP99 = run.number("loadP99Ms");
        double quietMax = run.number("quietMaxMs");
        double loadMax = run.number("loadMaxMs");
        double quietCpu = cpuPerUpdate(run, false, "FxCpuMs");
        double loadCpu = cpuPerUpdate(run, true, "FxCpuMs");
        double renderRatio = cpuPerUpdate(run, true, "RendererCpuMs") / cpuPerUpdate(run, false, "RendererCpuMs");
        ctx.note(String.format("API while streaming: one GUI process (3 windows of %d messages streaming offline replies at"
                        + " %d ms per word, as in the FX stall row) runs the local API, started by the client from its"
                        + " settings; from the bench JVM, in 4 phases of %d s: %d event streams (%d on each streaming session,"
                        + " %d on quiet ones) and `GET /sessions` (%d sessions) at %d/s over %d connections. %,d requests"
                        + " (%d failed), p50 %s, max %s; one at a time before the streaming: p50 %s, p99 %s.",
                LENGTH, TOKEN_MILLIS, seconds, 3 * CLIENTS_PER_STREAMING_SESSION + CLIENTS_ON_QUIET_SESSIONS,
                CLIENTS_PER_STREAMING_SESSION, CLIENTS_ON_QUIET_SESSIONS, SESSIONS, RATE, CONNECTIONS, loaded.count(),
                d.failures, Format.ms(loaded.medianMillis()), Format.ms(loaded.maxMillis()),
                Format.ms(d.baseline.medianMillis()), Format.ms(d.baseline.p99Millis())));
        ctx.note("API while streaming, events (the finished seqs the store holds after each load phase, read through"
                + " the API, against the event ids each client received: each once, in order): " + d.eventNote() + ".");
        ctx.note(String.format("API while streaming, FX thread, %d s phases of the same streaming: phases 1 (the first"
                        + " stretch, the FX stall row's own measurement) to 3 warm up, not counted; %s without load, %s"
                        + " with it. p99 / worst per phase: %s. Noise, the spread of the phases without load among"
                        + " themselves: p99 %s, worst %s (with load: p99 %s, worst %s). FX-thread CPU per phase"
                        + " (independent of the machine's other load): %s ms; transcript page updates: %s; words streamed:"
                        + " %s; render thread CPU: %s ms; GC: %s ms.",
                seconds, phases(run, false), phases(run, true), perPhase(run, "P99Ms", "MaxMs"),
                Format.ratio(spread(run, false, "P99Ms")), Format.ratio(spread(run, false, "MaxMs")),
                Format.ratio(spread(run, true, "P99Ms")), Format.ratio(spread(run, true, "MaxMs")),
                perPhase(run, "FxCpuMs", null), perPhase(run, "PageUpdates", null), perPhase(run, "Words", null),
                perPhase(run, "RendererCpuMs", null), perPhase(run, "GcMs", null)));
        boolean likeRenderer = loadCpu / quietCpu <= renderRatio * 1.1;
        ctx.note(String.format("API while streaming, FX-thread CPU per transcript update with the load against without:"
                        + " %s; the render thread's, which no API code reaches, %s: %s",
                Format.ratio(loadCpu / quietCpu), Format.ratio(renderRatio), likeRenderer
                        ? "the FX thread's rises no more than that, so what it shares is the load slowing every thread"
                                + " (caches, switches on shared cores), not work the API puts on the FX thread."
                        : "the FX thread's rises more (over 1.1× the render thread's): look for API work on the FX thread."));
        if (CpuHog.requested()) {
            ctx.note("API while streaming: a CPU hog (a shell busy loop, one core) ran the whole time (-Dbench.hog=true).");
        }
        String failureNote = d.failures > 0 ? d.failures + " requests failed, first: " + d.firstFailure : null;
        return List.of(
                Figure.measured(LATENCY, Format.ms(loaded.p99Millis()), loaded.p99Millis(),
                        "one at a time, GUI idle: p99 " + Format.ms(d.baseline.p99Millis()),
                        loaded.p99Millis() / d.baseline.p99Millis(), LATENCY_TARGET, failureNote),
                Figure.measured(LOST, String.valueOf(d.lost), d.lost, String.format("%,d events due (finished messages × their clients)", d.due), null,
                        LOST_TARGET, null),
                Figure.measured(STALL_P99, Format.ms(loadP99), loadP99, "without API load " + Format.ms(quietP99),
                        loadP99 / quietP99, STALL_TARGET, null),
                Figure.measured(STALL_MAX, Format.ms(loadMax), loadMax, "without API load " + Format.ms(quietMax),
                        loadMax / quietMax, STALL_TARGET, null),
                Figure.measured(FX_CPU, Format.ms(loadCpu), loadCpu,
                        "without API load " + Format.ms(quietCpu), loadCpu / quietCpu, FX_CPU_TARGET, null));
    }

    /** A thread's CPU ({@code key}) per transcript page update over the counted phases with (or without) load, in ms. */
    private static double cpuPerUpdate(ChildJvm.Run run, boolean loaded, String key) {
        double cpu = 0;
        double updates = 0;
        for (int p : counted(run, loaded)) {
            cpu += run.number("phase" + p + key);
            updates += run.number("phase" + p + "PageUpdates");
        }
        return cpu / Math.max(1, updates);
    }

    /** The counted phases with or without load. */
    private static List<Integer> counted(ChildJvm.Run run, boolean loaded) {
        List<Integer> out = new ArrayList<>();
        for (int p = ApiLoadPhases.FIRST_COUNTED; p <= PHASES; p++) {
            if (Boolean.parseBoolean(run.require("phase" + p + "Loaded")) == loaded) {
                out.add(p);
            }
        }
        return out;
    }

    private static String phases(ChildJvm.Run run, boolean loaded) {
        return String.join(", ", counted(run, loaded).stream().map(String::valueOf).toList());
    }

    /** Largest over smallest of a figure among the counted phases with (or without) load. */
    private static double spread(ChildJvm.Run run, boolean loaded, String key) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int p : counted(run, loaded)) {
            double v = run.number("phase" + p + key);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max / min;
    }

    private static String perPhase(ChildJvm.Run run, String key, String second) {
        List<String> parts = new ArrayList<>();
        for (int p = 1; p <= PHASES; p++) {
            String v = "phase" + p;
            if (!run.reports().containsKey(v + key)) {
                continue; // the first stretch's GC time is not taken
            }
            parts.add(p + ": " + (second == null ? Format.number(run.number(v + key))
                    : Format.ms(run.number(v + key)) + " / " + Format.ms(run.number(v + second))));
        }
        return String.join(", ", parts);
    }

    /** One session's events over the load phases. */
    private static final class Tally {
        private final List<String> ranges = new ArrayList<>();
        private int clients;
        private long committed;
        private long expected;
        private long received;
        private long lost;
    }

    /** This JVM's side of the conversation: the baseline, then the load of each load phase and its event check. */
    private static final class LoadDriver {
        private final String token;
        private final List<String> streaming;
        private final List<String> quiet;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final Samples latencies = new Samples();
        private final Map<String, Tally> tallies = new LinkedHashMap<>();
        private int port;
        private Samples baseline;
        private List<SseClient> clients = List.of();
        private ScheduledGets gets;
        private int failures;
        private String firstFailure;
        private long lost;
        private long due;

        LoadDriver(String token, List<String> streaming, List<String> quiet) {
            this.token = token;
            this.streaming = streaming;
            this.quiet = quiet;
        }

        void heard(String key, String value, PrintStream child) throws Exception {
            switch (key) {
                case "apiPort" -> {
                    port = Integer.parseInt(value);
                    baseline = ScheduledGets.oneAtATime(port, token, "/sessions", 100, 200);
                    child.println("ready");
                }
                case "phase" -> {
                    clients = new ArrayList<>();
                    for (String s : streaming) {
                        for (int i = 0; i < CLIENTS_PER_STREAMING_SESSION; i++) {
                            clients.add(new SseClient(port, s, token));
                        }
                    }
                    for (String s : quiet) {
                        clients.add(new SseClient(port, s, token));
                    }
                    SseClient.awaitStart(clients);
                    gets = ScheduledGets.start(port, token, "/sessions", CONNECTIONS, RATE);
                    child.println("go");
                }
                case "phaseEnd" -> {
                    gets.finish(Duration.ofSeconds(10));
                    gets.addLatenciesTo(latencies);
                    failures += gets.failures();
                    if (firstFailure == null) {
                        firstFailure = gets.firstFailure();
                    }
                    checkEvents("phase " + value);
                    for (SseClient c : clients) {
                        c.close();
                    }
                    child.println("done");
                }
                default -> { }
            }
        }

        /** Each client against the finished seqs its session holds now (read through the API, after the load). */
        private void checkEvents(String phase) throws Exception {
            Map<String, List<SseClient>> bySession = new LinkedHashMap<>();
            for (SseClient c : clients) {
                bySession.computeIfAbsent(c.session(), k -> new ArrayList<>()).add(c);
            }
            for (var e : bySession.entrySet()) {
                long from = e.getValue().stream().mapToLong(SseClient::startSeq).min().orElseThrow();
                List<Long> finished = finishedSince(e.getKey(), from);
                long last = finished.isEmpty() ? from : finished.get(finished.size() - 1);
                Tally t = tallies.computeIfAbsent(e.getKey(), k -> new Tally());
                t.clients = e.getValue().size();
                t.committed += finished.size();
                if (!finished.isEmpty()) {
                    t.ranges.add(phase + ": " + finished.get(0) + "–" + last);
                }
                for (SseClient c : e.getValue()) {
                    SseClient.Check check = c.check(finished, last, 10_000);
                    t.expected += check.expected();
                    t.received += check.received();
                    t.lost += check.lost();
                }
            }
            lost = tallies.values().stream().mapToLong(x -> x.lost).sum();
            due = tallies.values().stream().mapToLong(x -> x.expected).sum();
        }

        /** Per session over all load phases: finished messages committed, and what its clients received of them. */
        String eventNote() {
            List<String> parts = new ArrayList<>();
            Tally quietSessions = new Tally();
            for (var e : tallies.entrySet()) {
                Tally t = e.getValue();
                if (streaming.contains(e.getKey())) {
                    parts.add(String.format("streaming session %d: %d finished messages committed (seqs %s), its %d clients"
                                    + " received %,d of the %,d events due to them, %d lost",
                            streaming.indexOf(e.getKey()) + 1, t.committed, String.join(", ", t.ranges), t.clients,
                            t.received, t.expected, t.lost));
                } else {
                    quietSessions.committed += t.committed;
                    quietSessions.received += t.received;
                    quietSessions.lost += t.lost;
                }
            }
            parts.add(String.format("%d quiet sessions (1 client each): %d committed, %d received, %d lost", quiet.size(),
                    quietSessions.committed, quietSessions.received, quietSessions.lost));
            return String.join("; ", parts);
        }

        /** The seqs after {@code from} that the store holds finished (a reply still streaming is not yet an event). */
        private List<Long> finishedSince(String session, long from) throws IOException, InterruptedException {
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/sessions/" + session
                    + "/messages?since=" + from + "&limit=1000")).header("X-Secret-Key", token).build();
            HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("messages of " + session + " answered " + r.statusCode() + ": " + r.body());
            }
            List<Long> seqs = new ArrayList<>();
            for (JsonNode m : CanonicalJson.MAPPER.readTree(r.body()).path("messages")) {
                if (!m.path("state").asText().equals("streaming")) {
                    seqs.add(m.path("seq").asLong());
                }
            }
            return seqs;
        }
    }
}
