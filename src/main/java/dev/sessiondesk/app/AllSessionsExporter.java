package dev.sessiondesk.app;

import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.app.text.UserText;

import dev.sessiondesk.model.Session;
import dev.sessiondesk.app.ExportFiles;
import dev.sessiondesk.store.SessionQuery;
import dev.sessiondesk.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The human-readable escape hatch: sessions written as JSON (Goose's export shape) and Markdown, one
 * pair of 0600 files per session in a 0700 folder, plus an {@code index.md} naming them.
 */
public final class AllSessionsExporter {
    /** What an export wrote. */
    public record Summary(Path dir, int sessions, int files) {
    }

    private final Store store;
    private final SessionExporter exporter;

    public AllSessionsExporter(Store store, SessionExporter exporter) {
        this.store = store;
        this.exporter = exporter;
    }

    /** Every session: active, archived and in the trash. */
    public Summary exportAll(Path dir, Progress progress) throws IOException {
        return exportAll(dir, progress, true);
    }

    /** Every session into {@code dir}; files already there are replaced only when {@code replace}. */
    public Summary exportAll(Path dir, Progress progress, boolean replace) throws IOException {
        List<String> ids = new ArrayList<>();
        store.sessions().list(SessionQuery.all()).forEach(s -> ids.add(s.id()));
        store.sessions().list(SessionQuery.trash()).forEach(s -> ids.add(s.id()));
        return export(ids, dir, progress, replace);
    }

    public Summary export(Collection<String> sessionIds, Path dir, Progress progress) throws IOException {
        return export(sessionIds, dir, progress, true);
    }

    /**
     * An existing folder keeps its permissions (only a folder created here is 0700); every file is
     * 0600. Without {@code replace}, a file of the same name stops the export before anything is written.
     */
    public Summary export(Collection<String> sessionIds, Path dir, Progress progress, boolean replace)
            throws IOException {
        Path out = ExportFiles.createMissingFolders(dir);
        ExportFiles.checkTarget(out.resolve("index.md"), replace);
        for (String id : sessionIds) {
            ExportFiles.checkTarget(out.resolve(id + ".json"), replace);
            ExportFiles.checkTarget(out.resolve(id + ".md"), replace);
        }
        StringBuilder index = new StringBuilder("# SessionDesk export\n\n");
        int n = 0;
        int files = 0;
        for (String id : sessionIds) {
            Session s = store.sessions().require(id);
            exporter.exportTo(id, SessionExporter.Format.JSON, out.resolve(id + ".json"), replace);
            exporter.exportTo(id, SessionExporter.Format.MD, out.resolve(id + ".md"), replace);
            files += 2;
            index.append("- [").append(s.displayTitle().replace("]", "\\]")).append("](").append(id).append(".md) · ")
                    .append(s.messageCount()).append(" messages")
                    .append(s.deletedAt() != null ? " · in the trash" : "").append('\n');
            n++;
            progress.update((double) n / Math.max(1, sessionIds.size()),
                    UserText.of("progress", "export.exported", n, sessionIds.size()));
        }
        ExportFiles.write(out.resolve("index.md"), index.toString().getBytes(StandardCharsets.UTF_8), replace);
        return new Summary(out, n, files + 1);
    }
}
