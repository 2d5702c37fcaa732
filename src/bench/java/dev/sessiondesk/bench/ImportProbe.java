package dev.sessiondesk.bench;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.importer.ImportFormat;
import dev.sessiondesk.app.importer.ImportOptions;
import dev.sessiondesk.app.importer.ImportProgress;
import dev.sessiondesk.app.importer.ImportReport;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child JVM of {@link ImportBenchmark}: imports a folder of Goose JSONL files into a store with the
 * app's own {@code ImportService} under the heap it was given, and reports the wall time, the
 * highest used heap seen by a 5 ms sampler, the heap pools' own peaks and the GC work.
 * Args: {@code DATA_DIR SOURCE_FOLDER}.
 */
public final class ImportProbe {
    private ImportProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Path source = Path.of(args[1]);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long t0 = System.nanoTime();
        ImportReport report;
        try (SessionDesk desk = SessionDesk.open(dataDir)) {
            report = desk.importer().importPath(source,
                    ImportOptions.defaults().withFormat(ImportFormat.GOOSE_JSONL), ImportProgress.NONE);
        }
        long wallNanos = System.nanoTime() - t0;
        sampler.interrupt();
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        long poolPeaks = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                poolPeaks += pool.getPeakUsage().getUsed();
            }
        }
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        System.out.println("wallMillis " + wallNanos / 1_000_000);
        System.out.println("peakUsedSampled " + peak.get());
        System.out.println("peakPoolsSum " + poolPeaks);
        System.out.println("maxHeap " + memory.getHeapMemoryUsage().getMax());
        System.out.println("gcCount " + gcCount);
        System.out.println("gcMillis " + gcMillis);
        System.out.println("imported " + report.imported());
        System.out.println("skipped " + report.skippedSessions());
        System.out.println("messages " + report.messagesAdded());
    }
}
