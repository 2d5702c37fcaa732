package dev.sessiondesk.bench;

import dev.sessiondesk.app.client.ClientServices;
import dev.sessiondesk.app.assistant.OfflineAssistant;
import dev.sessiondesk.app.assistant.ReplyListener;
import dev.sessiondesk.app.assistant.ReplyOutcome;
import dev.sessiondesk.app.assistant.ReplyService;
import dev.sessiondesk.app.instance.LaunchRequest;
import dev.sessiondesk.ui.DeskClient;
import dev.sessiondesk.ui.chat.ChatWindow;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Child JVM of the GUI benchmarks: starts the real client ({@link DeskClient}, exactly what
 * {@code SessionDeskApp.start} does) headless under Monocle on a prepared data folder, so the windows
 * come from the app's own restore path (the window bindings the parent wrote), then reports on stdout
 * ({@code key value} lines). Modes:
 * <ul>
 *   <li>{@code coldstart}: wall-clock milliseconds at main, toolkit up, windows shown and first frame
 *       painted — "painted" is the start of the second pulse after the windows were shown, by which
 *       time the first pulse's frame has been rendered.</li>
 *   <li>{@code heap}: once every window is shown and scrolled to its end, the used heap after GC.</li>
 *   <li>{@code stall SECONDS TOKEN_MS}: the FX thread's worst delay (see {@link StallDetector}) for
 *       SECONDS idle, then for SECONDS while every window's session receives replies from the
 *       offline assistant through {@link ReplyService}, one after another, windows told through the
 *       client's session-change announcements. With a fifth argument {@code api} the client runs the
 *       local API (the parent turned it on in the settings) and the streaming goes on through phases
 *       with and without the parent's API load (see {@link ApiLoadPhases}).</li>
 * </ul>
 *   <li>{@code open SESSION LAST_SEQ SECONDS}: the first window opens SESSION; milliseconds until its
 *       transcript shows message LAST_SEQ (the first screen), then the FX thread's worst delay while
 *       the transcript is scrolled to the top again and again until message 1 is paged in.</li>
 * Args: {@code MODE DATA_DIR [SECONDS TOKEN_MS | SESSION LAST_SEQ SECONDS]}.
 */
public final class GuiProbe {
    /** How often a streaming session announces new content to the windows (a UI-rate refresh). */
    private static final long ANNOUNCE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private GuiProbe() {
    }

    public static void main(String[] args) throws Exception {
        report("main", System.currentTimeMillis());
        String mode = args[0];
        Path dataDir = Path.of(args[1]);
        long heapBeforeClient = -1;
        CompletableFuture<Void> toolkit = new CompletableFuture<>();
        Platform.startup(() -> toolkit.complete(null));
        toolkit.get(60, TimeUnit.SECONDS);
        report("fxStarted", System.currentTimeMillis());
        if (mode.equals("heap")) {
            heapBeforeClient = usedHeapAfterGc();
        }
        CompletableFuture<DeskClient> painted = new CompletableFuture<>();
        Platform.runLater(() -> {
            Platform.setImplicitExit(false);
            DeskClient client = new DeskClient(dev.sessiondesk.app.client.ClientOptions.of(dataDir,
                    LaunchRequest.parse(List.of("--data-dir", dataDir.toString()))), () -> { });
            client.start().whenComplete((outcome, error) -> {
                if (error != null) {
                    painted.completeExceptionally(error);
                    return;
                }
                report("shown", System.currentTimeMillis());
                afterFrames(2, () -> {
                    report("painted", System.currentTimeMillis());
                    // CPU the whole process had used by then: what the start costs without the other load on the machine.
                    report("cpuMillisAtPaint", ((com.sun.management.OperatingSystemMXBean)
                            ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000);
                    painted.complete(client);
                });
            });
        });
        DeskClient client = painted.get(300, TimeUnit.SECONDS);
        List<ChatWindow> windows = onFx(client::windows);
        report("windows", windows.size());
        report("messagesShown", onFx(() -> shownMessages(windows)));
        switch (mode) {
            case "coldstart" -> { }
            case "heap" -> heap(windows, heapBeforeClient);
            case "stall" -> stall(client, windows, Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    args.length > 4 && args[4].equals("api"));
            case "open" -> {
                open(windows.get(0), args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
                // What the first screen waited for: the same store read again, now (warm caches).
                long r = System.nanoTime();
                int n = client.services().desk().store().messages().list(args[2]).size();
                report("storeReadAgainMs", (System.nanoTime() - r) / 1e6);
                report("storeReadAgainMessages", n);
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        // No clean shutdown: the data folder is thrown away, and a client that is out of heap would hang
        // in it. Exit (not halt) so a JFR recording (-Dbench.jfr=true) is still written.
        System.out.flush();
        System.exit(0);
    }

    private static void open(ChatWindow w, String sessionId, int lastSeq, int seconds) throws Exception {
        long start = System.nanoTime();
        onFx(() -> {
            w.viewModel().open(sessionId);
            return null;
        });
        // The newest page is in (hidden messages are not articles, so "near the last seq").
        String shown = "(function(){var l=document.getElementById('transcript').lastElementChild;"
                + "return !!l && l.dataset.seq !== undefined && parseInt(l.dataset.seq) > " + (lastSeq - 20) + ";})()";
        long deadline = start + TimeUnit.SECONDS.toNanos(60);
        long listed = 0;
        while (!Boolean.TRUE.equals(onFx(() -> w.transcript().script(shown))) && System.nanoTime() < deadline) {
            if (listed == 0 && onFx(() -> sessionId.equals(w.viewModel().sessionId()) && !w.viewModel().messages().isEmpty())) {
                listed = System.nanoTime(); // the (first) store read is done and the window holds its messages
            }
            Thread.sleep(1);
        }
        long firstScreen = System.nanoTime();
        report("firstScreenMs", (firstScreen - start) / 1e6);
        report("listFilledMs", ((listed == 0 ? firstScreen : listed) - start) / 1e6);
        report("renderedAtFirstScreen", onFx(() -> w.transcript().script("T.count()")));
        // Times each page-in's own script (sanitize, insert, the layout its scroll anchoring forces), so
        // the FX thread's worst wait can be told apart from the longest single page-in.
        onFx(() -> w.transcript().script("(function(){var p=T.prepend;window.__pageIns={n:0,sum:0,max:0};"
                + "T.prepend=function(h,o){var t=performance.now();p.call(T,h,o);if(h){var d=performance.now()-t,"
                + "s=window.__pageIns;s.n++;s.sum+=d;if(d>s.max)s.max=d;}};})()"));
        AtomicBoolean top = new AtomicBoolean();
        AtomicInteger scrolls = new AtomicInteger();
        long scrollStart = System.nanoTime();
        AtomicLong reachedTop = new AtomicLong();
        StallDetector.Result scrolling = StallDetector.measure(Duration.ofSeconds(seconds), () -> {
            Thread scroller = new Thread(() -> {
                while (!top.get()) {
                    Platform.runLater(() -> {
                        Object first = w.transcript().script("window.scrollTo(0, 0); (function(){var f="
                                + "document.getElementById('transcript').firstElementChild;"
                                + "return !!f && parseInt(f.dataset.seq) <= 20;})()");
                        scrolls.incrementAndGet();
                        if (Boolean.TRUE.equals(first) && top.compareAndSet(false, true)) {
                            reachedTop.set(System.nanoTime());
                        }
                    });
                    try {
                        Thread.sleep(16); // a user dragging the scroll bar to the top: one scroll per frame
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "scroll-to-top");
            scroller.setDaemon(true);
            scroller.start();
        });
        top.set(true);
        report("reachedTop", reachedTop.get() > 0 ? "true" : "false");
        report("scrollToTopMs", reachedTop.get() > 0 ? (reachedTop.get() - scrollStart) / 1e6 : -1);
        report("scrollMaxMs", scrolling.maxMillis());
        report("scrollP99Ms", scrolling.p99Millis());
        report("renderedAtTop", onFx(() -> w.transcript().script("T.count()")));
        report("pageIns", onFx(() -> w.transcript().script("window.__pageIns.n")));
        report("pageInMeanMs", onFx(() -> w.transcript().script("window.__pageIns.n ? window.__pageIns.sum / window.__pageIns.n : 0")));
        report("pageInMaxMs", onFx(() -> w.transcript().script("window.__pageIns.max")));
    }

    private static void heap(List<ChatWindow> windows, long heapBeforeClient) throws Exception {
        // Each transcript shows its session's end once its page has loaded: wait for every page.
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!onFx(() -> windows.stream().allMatch(w -> w.transcript().isLoaded())) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        CompletableFuture<Void> settled = new CompletableFuture<>();
        Platform.runLater(() -> afterFrames(10, () -> settled.complete(null)));
        settled.get(60, TimeUnit.SECONDS);
        report("heapBeforeClient", heapBeforeClient);
        report("heapUsed", usedHeapAfterGc());
        report("rssKb", residentKb()); // the whole process: heap, WebKit's native memory, Prism's buffers
    }

    private static void stall(DeskClient client, List<ChatWindow> windows, int seconds, int tokenMillis, boolean api)
            throws Exception {
        if (api) {
            ApiLoadPhases.reportApi(client);
        }
        // Let restore's own follow-up work (focus, list refresh) finish, and the focused composer's caret
        // stop blinking (CaretBlink, 10 s after it got the focus): the idle baseline is the app at rest.
        Thread.sleep((long) dev.sessiondesk.ui.chat.CaretBlink.TIMEOUT.toMillis() + 1_000);
        report("cachedBackgrounds", onFx(() -> RegionCensus.describe(RegionCensus.cachedBackgrounds(), 12)));
        RenderCost cost = new RenderCost(windows);
        RenderCost.Snapshot idleStart = cost.now();
        StallDetector.Result idle = StallDetector.measure(Duration.ofSeconds(seconds), () -> { });
        RenderCost.Snapshot idleCost = cost.now().minus(idleStart);
        report("idleFxCpuMs", idleCost.fxCpuNanos() / 1e6);
        report("idleRendererCpuMs", idleCost.rendererCpuNanos() / 1e6);
        report("idleMaxMs", idle.maxMillis());
        report("idleP99Ms", idle.p99Millis());
        report("idleGapMaxMs", idle.maxGapMillis());

        List<String> sessions = onFx(() -> windows.stream().map(w -> w.viewModel().sessionId()).toList());
        int before = onFx(() -> shownMessages(windows));
        ReplyService replies = new ReplyService(client.services().desk().store(),
                () -> new OfflineAssistant(Duration.ofMillis(tokenMillis)), null, ReplyService.CHECKPOINT_INTERVAL,
                client.desk().workers());
        ExecutorService driver = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-reply-driver");
            t.setDaemon(true);
            return t;
        });
        AtomicBoolean streaming = new AtomicBoolean(true);
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger deltas = new AtomicInteger();
        Map<String, Long> lastAnnounced = new ConcurrentHashMap<>();
        Runnable[] starters = new Runnable[sessions.size()];
        for (int i = 0; i < sessions.size(); i++) {
            String sid = sessions.get(i);
            AtomicInteger n = new AtomicInteger();
            starters[i] = new Runnable() {
                @Override
                public void run() {
                    if (!streaming.get()) {
                        return;
                    }
                    Runnable again = this;
                    replies.send(sid, "Benchmark question " + n.incrementAndGet() + " while three windows stream",
                            new ReplyListener() {
                                @Override
                                public void delta(String text) {
                                    deltas.incrementAndGet();
                                    long now = System.nanoTime();
                                    Long last = lastAnnounced.get(sid);
                                    if (last == null || now - last >= ANNOUNCE_NANOS) {
                                        lastAnnounced.put(sid, now);
                                        client.services().changes().changed(sid);
                                    }
                                }

                                @Override
                                public void finished(ReplyOutcome outcome) {
                                    finished.incrementAndGet();
                                    client.services().changes().changed(sid);
                                    driver.execute(again);
                                }
                            });
                }
            };
        }
        RenderCost.Snapshot streamStart = cost.now();
        StallDetector.Result streamingResult = StallDetector.measure(Duration.ofSeconds(seconds), () -> {
            for (Runnable r : starters) {
                driver.execute(r);
            }
        });
        RenderCost.Snapshot streamCost = cost.now().minus(streamStart);
        if (api) {
            ApiLoadPhases.measure(seconds, cost, streamingResult, streamCost, deltas::get, deltas.get());
        }
        streaming.set(false);
        report("streamFxCpuMs", streamCost.fxCpuNanos() / 1e6);
        report("streamRendererCpuMs", streamCost.rendererCpuNanos() / 1e6);
        report("streamPageUpdates", streamCost.pageUpdates());
        report("streamMaxMs", streamingResult.maxMillis());
        report("streamP99Ms", streamingResult.p99Millis());
        report("streamGapMaxMs", streamingResult.maxGapMillis());
        report("streamOngoingStallMs", streamingResult.ongoingMillis());
        report("repliesFinished", finished.get());
        report("deltas", deltas.get());
        report("heapUsedAfterStreaming", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        int stored = 0;
        for (String sid : sessions) {
            stored += client.services().desk().store().sessions().require(sid).messageCount();
        }
        report("storedMessagesOfTheseSessions", stored);
        try {
            Thread.sleep(1_500); // the last replies finish and the windows read them
            CompletableFuture<Integer> after = new CompletableFuture<>();
            Platform.runLater(() -> after.complete(shownMessages(windows)));
            int shown = after.get(20, TimeUnit.SECONDS);
            report("messagesAddedInWindows", shown - before);
            report("messagesShownAfter", shown);
        } catch (java.util.concurrent.TimeoutException e) {
            report("fxThreadStuckAfterStreaming", "true");
            System.out.flush();
            Runtime.getRuntime().halt(0); // the FX thread does not come back: nothing more to learn here
        }
    }

    private static int shownMessages(List<ChatWindow> windows) {
        int n = 0;
        for (ChatWindow w : windows) {
            n += w.viewModel().messages().size();
        }
        return n;
    }

    /** Runs {@code then} on the FX thread at the start of the {@code frames}-th pulse from now. */
    private static void afterFrames(int frames, Runnable then) {
        new AnimationTimer() {
            private int seen;

            @Override
            public void handle(long now) {
                if (++seen >= frames) {
                    stop();
                    then.run();
                }
            }
        }.start();
    }

    /** This process's resident set (VmRSS in /proc/self/status), in kB; -1 where there is no /proc. */
    static long residentKb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    static void report(String key, Object value) {
        System.out.println(key + " " + value);
        System.out.flush();
    }
}
