package dev.sessiondesk.app.sync;

import java.util.List;

/** What one sync step did: a short phrase for the report ("3 drafts saved"), a count, and problems. */
public record SyncStepResult(String step, int count, String summary, List<String> problems) {
    public SyncStepResult {
        problems = List.copyOf(problems);
    }

    public static SyncStepResult done(String step, int count, String summary) {
        return new SyncStepResult(step, count, summary, List.of());
    }

    public static SyncStepResult failed(String step, String problem) {
        return new SyncStepResult(step, 0, step + " failed", List.of(problem));
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
