package dev.sessiondesk.app.maintenance;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.AllSessionsExporter;
import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.store.SessionQuery;
import dev.sessiondesk.store.ChainReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * "Export what is intact": every session whose hash chain still recomputes, as Goose JSON and
 * Markdown, so a damaged store gives back all it can; the damaged sessions are named, not exported.
 */
public final class IntactExport {
    /** What was written, and the sessions left out because their chain is broken. */
    public record Result(AllSessionsExporter.Summary exported, List<String> damaged) {
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            out.add(exported.sessions() + " intact session(s) exported to " + exported.dir() + " (" + exported.files()
                    + " files)");
            damaged.forEach(d -> out.add("not exported, damaged: " + d));
            return out;
        }
    }

    private IntactExport() {
    }

    public static Result export(SessionDesk desk, Path dir, Progress progress) throws IOException {
        List<String> ids = new ArrayList<>();
        desk.store().sessions().list(SessionQuery.all()).forEach(s -> ids.add(s.id()));
        desk.store().sessions().list(SessionQuery.trash()).forEach(s -> ids.add(s.id()));
        List<String> intact = new ArrayList<>();
        List<String> damaged = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            ChainReport r = desk.store().verifier().verifySession(ids.get(i));
            if (r.ok()) {
                intact.add(ids.get(i));
            } else {
                damaged.add(r.toString());
            }
            progress.update(0.4 * (i + 1) / ids.size(), "checked " + (i + 1) + " of " + ids.size() + " sessions");
        }
        AllSessionsExporter.Summary summary = desk.exportAll().export(intact, dir, progress.part(0.4, 1));
        return new Result(summary, damaged);
    }
}
