package dev.sessiondesk.app.importer;

import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.app.text.Wording;
import java.util.ArrayList;
import java.util.List;

/**
 * What an import did: counts per outcome, every skipped session with its located reasons, and notes
 * (appends, separate copies, partial imports, files without metadata). Lists are capped so that an
 * import of a huge broken folder cannot fill the heap with messages.
 */
public record ImportReport(
        boolean dryRun,
        int imported,
        int alreadyPresent,
        int appendedTo,
        int importedAsCopies,
        int partial,
        int skippedSessions,
        long messagesAdded,
        List<ImportProblem> skipped,
        List<ImportProblem> notes) {

    static final int MAX_LISTED = 10_000;

    public boolean hasProblems() {
        return !skipped.isEmpty();
    }

    /** The summary the CLI prints (English, as it always was). */
    public List<String> summaryLines() {
        return Wording.english().say(summaryTexts());
    }

    /** The summary in no language yet: the CLI says it in English, the GUI in the user's. */
    public List<UserText> summaryTexts() {
        List<UserText> out = new ArrayList<>();
        String dry = dryRun ? ".dryRun" : "";
        out.add(UserText.of("import", "summary" + dry, imported, alreadyPresent, appendedTo, importedAsCopies,
                skippedSessions, messagesAdded));
        if (partial > 0) {
            out.add(UserText.of("import", "partial" + dry, partial));
        }
        for (ImportProblem p : notes) {
            out.add(UserText.of("import", "note", p.text()));
        }
        for (ImportProblem p : skipped) {
            out.add(UserText.of("import", "skipped", p.text()));
        }
        return out;
    }

    /** Accumulates a report while an import runs. */
    public static final class Builder {
        private final boolean dryRun;
        private int imported;
        private int alreadyPresent;
        private int appendedTo;
        private int copies;
        private int partial;
        private int skippedSessions;
        private long messages;
        private final List<ImportProblem> skipped = new ArrayList<>();
        private final List<ImportProblem> notes = new ArrayList<>();
        private int droppedSkipped;
        private int droppedNotes;

        public Builder(boolean dryRun) {
            this.dryRun = dryRun;
        }

        public void outcome(ImportOutcome o, boolean wasPartial) {
            switch (o.kind()) {
                case IMPORTED -> imported++;
                case ALREADY_PRESENT -> alreadyPresent++;
                case APPENDED -> {
                    appendedTo++;
                    note(new ImportProblem(o.label(), UserText.of("import", dryRun ? "appended.dryRun" : "appended",
                            o.messagesAdded(), o.sessionId())));
                }
                case IMPORTED_AS_COPY -> {
                    copies++;
                    note(new ImportProblem(o.label(), o.detail()));
                }
                case SKIPPED -> failed(List.of(new ImportProblem(o.label(), o.detail())));
            }
            messages += o.messagesAdded();
            if (wasPartial && o.kind() != ImportOutcome.Kind.ALREADY_PRESENT && o.kind() != ImportOutcome.Kind.SKIPPED) {
                partial++;
            }
        }

        /** One source session (or file) of which nothing was imported, with its located problems. */
        public void failed(List<ImportProblem> problems) {
            skippedSessions++;
            problems.forEach(this::skip);
        }

        private void skip(ImportProblem p) {
            if (skipped.size() < MAX_LISTED) {
                skipped.add(p);
            } else {
                droppedSkipped++;
            }
        }

        public void note(ImportProblem p) {
            if (notes.size() < MAX_LISTED) {
                notes.add(p);
            } else {
                droppedNotes++;
            }
        }

        public void add(ImportReport other) {
            imported += other.imported;
            alreadyPresent += other.alreadyPresent;
            appendedTo += other.appendedTo;
            copies += other.importedAsCopies;
            partial += other.partial;
            skippedSessions += other.skippedSessions;
            messages += other.messagesAdded;
            other.skipped.forEach(this::skip);
            other.notes.forEach(this::note);
        }

        public void countImported(int n) {
            imported += n;
        }

        public void countAlreadyPresent(int n) {
            alreadyPresent += n;
        }

        public ImportReport build() {
            List<ImportProblem> s = new ArrayList<>(skipped);
            if (droppedSkipped > 0) {
                s.add(new ImportProblem("", UserText.of("import", "more", droppedSkipped)));
            }
            List<ImportProblem> n = new ArrayList<>(notes);
            if (droppedNotes > 0) {
                n.add(new ImportProblem("", UserText.of("import", "moreNotes", droppedNotes)));
            }
            return new ImportReport(dryRun, imported, alreadyPresent, appendedTo, copies, partial, skippedSessions, messages,
                    List.copyOf(s), List.copyOf(n));
        }
    }
}
