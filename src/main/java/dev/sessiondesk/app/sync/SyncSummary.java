package dev.sessiondesk.app.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** The report of one Sync Now: each step's result, how long it took, when it finished. */
public record SyncSummary(List<SyncStepResult> steps, Duration took, Instant finishedAt) {
    public SyncSummary {
        steps = List.copyOf(steps);
    }

    public List<String> problems() {
        return steps.stream().flatMap(s -> s.problems().stream()).toList();
    }

    public boolean ok() {
        return problems().isEmpty();
    }

    public int count(String step) {
        return steps.stream().filter(s -> s.step().equals(step)).mapToInt(SyncStepResult::count).sum();
    }

    /** One line per step and the time, e.g. for a notification. */
    public String describe() {
        String body = steps.stream().map(SyncStepResult::summary).collect(Collectors.joining("\n"));
        String tail = "took " + took.toMillis() + " ms";
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            tail = problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ": " + String.join("; ", problems)
                    + "\n" + tail;
        }
        return body + "\n" + tail;
    }
}
