package dev.sessiondesk.app.importer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Every format's reader as {@link ImportService} reaches them. The one list of them is
 * {@code app.importer.formats.FormatReaders}: the format packages build on this one, so this one
 * names none of them (no package cycle).
 */
public interface SourceReaders {

    /**
     * The readers of one import run, one per format: a split ChatGPT export (conversations-000.json,
     * -001 …) is one export, and a conversation id seen in two of its files is said so.
     */
    Run start(ImportOptions options);

    /** Syncs an agent project: its sessions change in place, so it is synced, not read. */
    ImportReport syncProject(Path project, boolean dryRun);

    /** The readers of one run. */
    interface Run {
        /** A file or folder on disk, as detection (or {@code --format}) found it. */
        void read(ImportJob job, SessionSink sink) throws IOException;

        /** One export file inside an archive; false (nothing read) when its format is not kept in one file. */
        boolean readEntry(ImportFormat format, ImportSource source, SessionSink sink) throws IOException;
    }
}
