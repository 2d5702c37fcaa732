package dev.sessiondesk.app.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Sync Now": runs its steps in order (by default: save drafts, save the window layout, checkpoint
 * the WAL into {@code sessions.db}, verify the chains of the sessions open in windows) and reports
 * what each did. Other features register more steps with {@link #addStep} (an importer's rescan,
 * a backup, remote sync); they run after the built-in ones, in the order added.
 */
public final class SyncService {
    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

    private final List<SyncStep> steps = new CopyOnWriteArrayList<>();
    private final Clock clock;

    public SyncService(List<SyncStep> builtIn, Clock clock) {
        this.steps.addAll(builtIn);
        this.clock = clock;
    }

    public void addStep(SyncStep step) {
        steps.add(step);
    }

    public List<SyncStep> steps() {
        return List.copyOf(steps);
    }

    /** Call off the UI thread. Never throws: failures are in the summary. */
    public SyncSummary syncNow(SyncContext context) {
        long start = System.nanoTime();
        List<SyncStepResult> results = new ArrayList<>();
        for (SyncStep step : steps) {
            try {
                results.add(step.run(context));
            } catch (Exception e) {
                LOG.warn("sync step {} failed", step.name(), e);
                results.add(SyncStepResult.failed(step.name(), String.valueOf(e.getMessage())));
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        SyncSummary summary = new SyncSummary(results, took, clock.instant());
        LOG.info("sync now: {} steps, {} problems, {} ms", results.size(), summary.problems().size(), took.toMillis());
        return summary;
    }
}
