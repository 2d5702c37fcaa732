package dev.sessiondesk.app.importer;

import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports sessions from other tools (shared/formats.md) into the store, for the CLI's
 * {@code sessiondesk import} and the UI's File → Import…. Readers stream their source and hand over
 * one session at a time; {@link ImportWriter} writes each with all its messages in one transaction
 * (small sessions several to a transaction, each still whole) and then they are forgotten, so the
 * heap holds a bounded batch, never the whole import. A damaged session is reported
 * with its location and skipped (or, with {@code partial}, imported up to the damage and marked);
 * everything else still imports. Sources are only ever opened for reading.
 */
public final class ImportService {
    private static final Logger LOG = LoggerFactory.getLogger(ImportService.class);
    /** Small sessions are committed together (each still whole or not at all); the heap holds at most this much. */
    private static final int BATCH_SESSIONS = 200;
    private static final long BATCH_CHARS = 4L * 1024 * 1024;

    private final Store store;
    private final SourceReaders readers;

    /** Imports run on the caller's thread: the GUI calls {@link #importPath} from a background task. */
    public ImportService(Store store, SourceReaders readers) {
        this.store = store;
        this.readers = readers;
    }

    /** What would be read from {@code path} (auto-detected unless {@code format} is given). */
    public List<ImportJob> detect(Path path, ImportFormat format) throws IOException {
        return FormatDetector.detect(path, format);
    }

    public ImportReport importPath(Path path, ImportOptions options, ImportProgress progress) throws IOException {
        if (options.format() == null && ZipImport.isZip(path)) {
            return importZip(path, options, progress);
        }
        List<ImportJob> jobs = detect(path, options.format());
        ImportReport.Builder report = new ImportReport.Builder(options.dryRun());
        Path folder = Files.isDirectory(path) ? path : null;
        SourceReaders.Run run = readers.start(options);
        for (ImportJob job : jobs) {
            if (folder != null && job.format() != ImportFormat.AGENTS && !job.path().equals(folder)
                    && !isInsideOrReported(folder, job, report)) {
                continue;
            }
            LOG.info("importing {} as {}{}", job.path(), job.format().wire(), options.dryRun() ? " (dry run)" : "");
            if (job.format() == ImportFormat.AGENTS) {
                report.add(readers.syncProject(job.path(), options.dryRun()));
                continue;
            }
            runJob(job, options, progress, report, run);
        }
        ImportReport done = report.build();
        LOG.info("import of {} finished: {}", path, done.summaryLines().get(0));
        return done;
    }

    /** An export zip read in place (see {@link ZipImport}): every importable entry, in archive order. */
    private ImportReport importZip(Path zip, ImportOptions options, ImportProgress progress) throws IOException {
        ImportReport.Builder report = new ImportReport.Builder(options.dryRun());
        String zipLabel = zip.getFileName().toString();
        List<ImportProblem> refused = new ArrayList<>();
        SourceReaders.Run run = readers.start(options);
        try (java.util.zip.ZipFile file = new java.util.zip.ZipFile(zip.toFile())) {
            List<ZipImport.Entry> entries = ZipImport.entries(file, zipLabel, refused);
            refused.forEach(p -> report.failed(List.of(p)));
            if (entries.isEmpty() && refused.isEmpty()) {
                throw new IllegalArgumentException("found nothing to import in " + zip + " (no conversations.json or other"
                        + " export inside); name the file inside it, or unpack it and import the folder");
            }
            for (ZipImport.Entry entry : entries) {
                LOG.info("importing {} as {}{}", entry.source().label(), entry.format().wire(), options.dryRun() ? " (dry run)" : "");
                JobSink sink = new JobSink(new ImportWriter(store, entry.format(), zip.toAbsolutePath() + "!"
                        + entry.source().label().substring(zipLabel.length() + 1)), options, progress, report, entry.source().label());
                try {
                    if (!run.readEntry(entry.format(), entry.source(), sink)) {
                        report.failed(List.of(new ImportProblem(entry.source().label(),
                                "cannot be read from inside an archive; unpack it and import the folder")));
                    }
                    sink.flush();
                } catch (IOException e) {
                    // A refused (bomb) or unreadable entry: what was read whole before it still imports.
                    sink.flush();
                    report.failed(List.of(new ImportProblem(entry.source().label(), e.getMessage())));
                }
                sink.linkPendingParents();
            }
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException("cannot read " + zip + " as a zip archive (" + e.getMessage() + ")");
        }
        ImportReport done = report.build();
        LOG.info("import of {} finished: {}", zip, done.summaryLines().get(0));
        return done;
    }

    /** A file found in the given folder (sessions.db, conversations.json) must really be in it; false (reported) if not. */
    private static boolean isInsideOrReported(Path folder, ImportJob job, ImportReport.Builder report) {
        try {
            SafePaths.inside(folder, job.path());
            return true;
        } catch (SafePaths.RefusedPathException e) {
            report.failed(List.of(new ImportProblem(job.path().getFileName().toString(), e.reason())));
            return false;
        }
    }

    private void runJob(ImportJob job, ImportOptions options, ImportProgress progress, ImportReport.Builder report,
                        SourceReaders.Run run) throws IOException {
        String sourceLabel = job.path().getFileName() == null ? job.path().toString() : job.path().getFileName().toString();
        JobSink sink = new JobSink(new ImportWriter(store, job.format(), job.path().toAbsolutePath().toString()),
                options, progress, report, sourceLabel);
        try {
            run.read(job, sink);
            sink.flush();
        } catch (RuntimeException e) {
            if (e instanceof StoreException) {
                throw e; // the store itself failed (disk full, locked): stop, what was committed stays
            }
            // A reader bug must not lose the report of what was already imported.
            LOG.error("reading {} failed unexpectedly", job.path(), e);
            report.failed(List.of(new ImportProblem(sourceLabel, UserText.of("import", "reason.unreadable", String.valueOf(e)))));
            sink.flush(); // what was read whole before the failure still imports
        }
        sink.linkPendingParents();
    }

    /** Receives sessions from a reader and writes each one at once. */
    private static final class JobSink implements SessionSink {
        private final ImportWriter writer;
        private final ImportOptions options;
        private final ImportProgress progress;
        private final ImportReport.Builder report;
        private final String source;
        private final List<SourceSession> batch = new ArrayList<>();
        private long batchWeight;
        private int sessions;

        JobSink(ImportWriter writer, ImportOptions options, ImportProgress progress, ImportReport.Builder report,
                String source) {
            this.writer = writer;
            this.options = options;
            this.progress = progress;
            this.report = report;
            this.source = source;
        }

        @Override
        public void session(SourceSession s) {
            if (options.dryRun()) {
                record(s, writeAlone(s));
                return;
            }
            batch.add(s);
            batchWeight += weight(s);
            if (batch.size() >= BATCH_SESSIONS || batchWeight >= BATCH_CHARS) {
                flush();
            }
        }

        /** Writes the sessions collected so far; on a store refusal retries each one alone to isolate it. */
        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            List<SourceSession> sessionsToWrite = new ArrayList<>(batch);
            batch.clear();
            batchWeight = 0;
            List<ImportOutcome> outcomes = null;
            if (sessionsToWrite.size() > 1) {
                try {
                    outcomes = writer.writeBatch(sessionsToWrite);
                } catch (StoreException e) {
                    if (!isPerSession(e)) {
                        throw e;
                    }
                    LOG.info("a batch of {} sessions was refused ({}); importing them one by one", sessionsToWrite.size(),
                            e.getMessage());
                }
            }
            for (int i = 0; i < sessionsToWrite.size(); i++) {
                SourceSession s = sessionsToWrite.get(i);
                record(s, outcomes != null ? outcomes.get(i) : writeAlone(s));
            }
        }

        private ImportOutcome writeAlone(SourceSession s) {
            try {
                return writer.write(s, options.dryRun());
            } catch (StoreException e) {
                if (isPerSession(e)) {
                    return new ImportOutcome(ImportOutcome.Kind.SKIPPED, s.label(), null, 0, UserText.plain(e.getMessage()));
                }
                throw e;
            }
        }

        private static boolean isPerSession(StoreException e) {
            return e.kind() == StoreException.Kind.CONFLICT || e.kind() == StoreException.Kind.NOT_FOUND
                    || e.kind() == StoreException.Kind.TOO_LARGE; // one message too large: that session is skipped
        }

        private void record(SourceSession s, ImportOutcome outcome) {
            report.outcome(outcome, s.partialReason() != null);
            sessions++;
        }

        private static long weight(SourceSession s) {
            long chars = 0;
            for (var m : s.messages()) {
                chars += m.contentJson().length();
            }
            return chars + 200;
        }

        @Override
        public void failed(String label, List<ImportProblem> problems) {
            report.failed(problems);
        }

        @Override
        public void note(ImportProblem note) {
            report.note(note);
        }

        @Override
        public void progress(long done, long total) {
            if (total > 0 && done >= total) {
                flush();
            }
            progress.update(source, done, total, sessions);
        }

        /** Forks whose parent came later in the source; the insert linked the others already. */
        void linkPendingParents() {
            if (!options.dryRun()) {
                writer.linkUnresolvedParents();
            }
        }
    }
}
