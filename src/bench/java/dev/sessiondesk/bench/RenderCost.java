package dev.sessiondesk.bench;

import dev.sessiondesk.ui.chat.ChatWindow;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Load-independent cost of a stretch of GUI work: CPU time (not wall clock) of the FX thread and of
 * the Prism render thread ("QuantumRenderer-0"), and how many changes the transcript pages took
 * (counted by wrapping the page script's update functions, so the product carries no counter).
 * Another build on the machine stretches wall-clock waits but hardly these.
 */
final class RenderCost {
    /** The page functions that change the DOM of the transcript (T.grow: a streaming reply's new text). */
    private static final String COUNT_UPDATES = "(function(){if(window.__benchUpdates!==undefined)return;"
            + "window.__benchUpdates=0;['reset','append','prepend','replace','remove','grow'].forEach(function(k){"
            + "var f=T[k];if(typeof f!=='function')return;T[k]=function(){window.__benchUpdates++;"
            + "return f.apply(T,arguments);};});})()";

    record Snapshot(long fxCpuNanos, long rendererCpuNanos, long pageUpdates) {
        Snapshot minus(Snapshot before) {
            return new Snapshot(fxCpuNanos - before.fxCpuNanos, rendererCpuNanos - before.rendererCpuNanos,
                    pageUpdates - before.pageUpdates);
        }
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<ChatWindow> windows;
    private final long fxThread;

    RenderCost(List<ChatWindow> windows) throws Exception {
        this.windows = windows;
        this.fxThread = GuiProbe.onFx(() -> Thread.currentThread().getId());
        GuiProbe.onFx(() -> {
            for (ChatWindow w : windows) {
                w.transcript().script(COUNT_UPDATES);
            }
            return null;
        });
    }

    Snapshot now() throws Exception {
        long updates = GuiProbe.onFx(() -> {
            long n = 0;
            for (ChatWindow w : windows) {
                n += w.transcript().script("window.__benchUpdates") instanceof Number v ? v.longValue() : 0;
            }
            return n;
        });
        return new Snapshot(threads.getThreadCpuTime(fxThread), threads.getThreadCpuTime(renderer()), updates);
    }

    private static long renderer() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("QuantumRenderer")) {
                return t.getId();
            }
        }
        return -1;
    }
}
