package dev.sessiondesk.bench;

import dev.sessiondesk.app.api.LocalApi;
import dev.sessiondesk.ui.DeskClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The {@link GuiProbe} stall mode's part with the local API on ({@code stall SECONDS TOKEN_MS api}):
 * the client started the API itself, from the settings the parent wrote (as when the user turned it
 * on in Preferences); this side reports its port, and while the windows keep streaming measures the
 * FX thread in phases with and without the API load the parent drives from its own JVM. The probe's
 * first streaming stretch (phase 1, the FX stall row's own measurement) and the next two warm up
 * and are not pooled: they are the worst of all, load or not. Then twice no load, load, load, no load,
 * so a drift over the run (the transcripts grow, the machine's other load comes and goes) weighs on
 * both alike. Before a load phase the child says {@code phase N load} and
 * waits for {@code go} on stdin (the parent's clients are connected); after it, {@code phaseEnd N},
 * then waits for {@code done} (the parent has checked the events and disconnected).
 */
final class ApiLoadPhases {
    /** After the first stretch: two more to warm up (not counted), then the counted phases. */
    private static final List<Boolean> LOADED_AFTER_FIRST =
            List.of(false, false, false, true, true, false, false, true, true, false);
    /**
     * The first phase that counts: on a busy machine the FX stall keeps falling for 15–25 s after the
     * streaming starts (the JIT, the collector and the pages settle), load or not.
     */
    static final int FIRST_COUNTED = 4;
    private static final BufferedReader PARENT = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    private ApiLoadPhases() {
    }

    /** Once the start-up chores ran (the API starts among them): reports the API's port, waits for {@code ready}. */
    static void reportApi(DeskClient client) throws Exception {
        client.awaitStartMaintenance();
        LocalApi.Status status = client.store().localApi().status();
        if (!status.running()) {
            throw new IllegalStateException("the local API did not start in the GUI process: " + status.problem());
        }
        GuiProbe.report("apiPort", client.store().localApi().server().orElseThrow().port());
        await("ready");
    }

    /**
     * The phases after the first streaming stretch {@code first} (reported as phase 1): reports each
     * phase's FX stall and FX-thread CPU, and the counted phases pooled by load ({@code quietP99Ms}, {@code loadMaxMs}, ...).
     */
    static void measure(int seconds, RenderCost cost, StallDetector.Result first, RenderCost.Snapshot firstCost,
                        IntSupplier words, int firstWords) throws Exception {
        List<StallDetector.Result> quiet = new ArrayList<>();
        List<StallDetector.Result> loaded = new ArrayList<>();
        phaseReport(1, false, first, firstCost, firstWords);
        int phase = 1;
        for (boolean load : LOADED_AFTER_FIRST) {
            phase++;
            if (load) {
                GuiProbe.report("phase", phase + " load");
                await("go");
            }
            int wordsBefore = words.getAsInt();
            long gcBefore = gcMillis();
            RenderCost.Snapshot before = cost.now();
            StallDetector.Result r = StallDetector.measure(Duration.ofSeconds(seconds), () -> { });
            RenderCost.Snapshot spent = cost.now().minus(before);
            phaseReport(phase, load, r, spent, words.getAsInt() - wordsBefore);
            GuiProbe.report("phase" + phase + "GcMs", gcMillis() - gcBefore);
            if (phase >= FIRST_COUNTED) {
                (load ? loaded : quiet).add(r);
            }
            if (load) {
                GuiProbe.report("phaseEnd", phase);
                await("done");
                Thread.sleep(500); // the disconnects settle before the next phase
            }
        }
        pooledReport("quiet", quiet);
        pooledReport("load", loaded);
    }

    private static void phaseReport(int phase, boolean load, StallDetector.Result r, RenderCost.Snapshot spent, int words) {
        String p = "phase" + phase;
        GuiProbe.report(p + "Loaded", load);
        GuiProbe.report(p + "P99Ms", r.p99Millis());
        GuiProbe.report(p + "MaxMs", r.maxMillis());
        GuiProbe.report(p + "GapMaxMs", r.maxGapMillis());
        GuiProbe.report(p + "FxCpuMs", spent.fxCpuNanos() / 1e6);
        GuiProbe.report(p + "RendererCpuMs", spent.rendererCpuNanos() / 1e6);
        GuiProbe.report(p + "PageUpdates", spent.pageUpdates());
        GuiProbe.report(p + "Words", words);
    }

    /** The phases' probe delays together: p99 over all of them, the worst of any. */
    private static void pooledReport(String prefix, List<StallDetector.Result> results) {
        long[] all = results.stream().flatMapToLong(r -> Arrays.stream(r.delaysNanos())).sorted().toArray();
        StallDetector.Result pooled = new StallDetector.Result(all,
                results.stream().mapToLong(StallDetector.Result::maxGapNanos).max().orElse(0),
                results.stream().mapToLong(StallDetector.Result::ongoingNanos).max().orElse(0));
        GuiProbe.report(prefix + "P99Ms", pooled.p99Millis());
        GuiProbe.report(prefix + "MaxMs", pooled.maxMillis());
        GuiProbe.report(prefix + "Probes", all.length);
    }

    /** Time the JVM's collectors have spent so far (pauses and concurrent work alike). */
    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static void await(String word) throws IOException {
        String line = PARENT.readLine();
        if (!word.equals(line == null ? null : line.strip())) {
            throw new IllegalStateException("expected '" + word + "' from the parent, got " + line);
        }
    }
}
