package dev.sessiondesk.app.importer.agent;

import dev.sessiondesk.app.importer.ImportProblem;
import dev.sessiondesk.app.importer.ImportReport;
import dev.sessiondesk.app.text.UserText;
import java.nio.file.Path;
import java.util.List;

/** What one scan of an agent project changed in the store, and what it could not read (located). */
public record AgentSyncReport(
        Path project,
        int added,
        int updated,
        int markedMissing,
        int unchanged,
        List<ImportProblem> problems,
        List<ImportProblem> notes) {

    public AgentSyncReport(Path project, int added, int updated, int markedMissing, int unchanged,
                           List<ImportProblem> problems) {
        this(project, added, updated, markedMissing, unchanged, problems, List.of());
    }

    public boolean changedAnything() {
        return added + updated + markedMissing > 0;
    }

    /** The report in import terms: new sessions imported, unchanged ones already present. */
    public ImportReport asImportReport(boolean dryRun) {
        ImportReport.Builder b = new ImportReport.Builder(dryRun);
        b.countImported(added);
        b.countAlreadyPresent(unchanged + updated);
        if (updated > 0) {
            b.note(new ImportProblem(project.toString(),
                    UserText.of("import", dryRun ? "agent.updated.dryRun" : "agent.updated", updated)));
        }
        if (markedMissing > 0) {
            b.note(new ImportProblem(project.toString(), UserText.of("import", "agent.missing", markedMissing)));
        }
        notes.forEach(b::note);
        for (ImportProblem p : problems) {
            b.failed(List.of(p));
        }
        return b.build();
    }
}
