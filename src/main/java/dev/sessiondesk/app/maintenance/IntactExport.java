package dev.sessiondesk.app.maintenance;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.AllSessionsExporter;
import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.app.text.StoreWords;
import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.app.text.Wording;
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
    public record Result(AllSessionsExporter.Summary exported, List<UserText> damaged) {
        /** The result in the CLI's English. */
        public List<String> lines() {
            return Wording.english().say(texts());
        }

        public List<UserText> texts() {
            List<UserText> out = new ArrayList<>();
            out.add(UserText.of("export", "intact", exported.sessions(), exported.dir(), exported.files()));
            damaged.forEach(d -> out.add(UserText.of("export", "intact.damaged", d)));
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
        List<UserText> damaged = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            ChainReport r = desk.store().verifier().verifySession(ids.get(i));
            if (r.ok()) {
                intact.add(ids.get(i));
            } else {
                damaged.add(StoreWords.chain(r));
            }
            progress.update(0.4 * (i + 1) / ids.size(), UserText.of("progress", "intact.checked", i + 1, ids.size()));
        }
        AllSessionsExporter.Summary summary = desk.exportAll().export(intact, dir, progress.part(0.4, 1));
        return new Result(summary, damaged);
    }
}
