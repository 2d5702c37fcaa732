package dev.sessiondesk.app.sync;

import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.app.text.Wording;
import java.util.List;

/**
 * What one sync step did: a short phrase for the report ("3 drafts saved"), a count, and problems,
 * in no language yet ({@link Wording}); {@link #summary()} and {@link #problems()} are the English.
 */
public record SyncStepResult(String step, int count, UserText text, List<UserText> problemTexts) {
    public SyncStepResult {
        problemTexts = List.copyOf(problemTexts);
    }

    /** A step whose phrase is worded already (a test's, or a plug-in step's). */
    public SyncStepResult(String step, int count, String summary, List<String> problems) {
        this(step, count, UserText.plain(summary), problems.stream().map(UserText::plain).toList());
    }

    public static SyncStepResult done(String step, int count, UserText summary) {
        return new SyncStepResult(step, count, summary, List.of());
    }

    public static SyncStepResult done(String step, int count, String summary) {
        return done(step, count, UserText.plain(summary));
    }

    public static SyncStepResult failed(String step, UserText problem) {
        return new SyncStepResult(step, 0, UserText.of("sync", "step.failed", step), List.of(problem));
    }

    public static SyncStepResult failed(String step, String problem) {
        return failed(step, UserText.plain(problem));
    }

    public String summary() {
        return Wording.english().say(text);
    }

    public List<String> problems() {
        return Wording.english().say(problemTexts);
    }

    public boolean ok() {
        return problemTexts.isEmpty();
    }
}
