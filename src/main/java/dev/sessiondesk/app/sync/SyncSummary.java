package dev.sessiondesk.app.sync;

import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.app.text.Wording;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** The report of one Sync Now: each step's result, how long it took, when it finished. */
public record SyncSummary(List<SyncStepResult> steps, Duration took, Instant finishedAt) {
    public SyncSummary {
        steps = List.copyOf(steps);
    }

    /** Every step's problems, in English. */
    public List<String> problems() {
        return Wording.english().say(problemTexts());
    }

    public List<UserText> problemTexts() {
        return steps.stream().flatMap(s -> s.problemTexts().stream()).toList();
    }

    public boolean ok() {
        return problemTexts().isEmpty();
    }

    public int count(String step) {
        return steps.stream().filter(s -> s.step().equals(step)).mapToInt(SyncStepResult::count).sum();
    }

    /** One line per step and the time, in English. */
    public String describe() {
        return describe(Wording.english());
    }

    /** One line per step and the time, e.g. for a notification, in the words of {@code wording}. */
    public String describe(Wording wording) {
        String body = steps.stream().map(s -> wording.say(s.text())).collect(Collectors.joining("\n"));
        String tail = wording.say(UserText.of("sync", "took", took.toMillis()));
        List<String> problems = wording.say(problemTexts());
        if (!problems.isEmpty()) {
            tail = wording.say(UserText.of("sync", "problems", problems.size(), String.join("; ", problems))) + "\n" + tail;
        }
        return body + "\n" + tail;
    }
}
