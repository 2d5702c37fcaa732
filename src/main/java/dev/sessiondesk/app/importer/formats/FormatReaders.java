package dev.sessiondesk.app.importer.formats;

import dev.sessiondesk.app.importer.ImportFormat;
import dev.sessiondesk.app.importer.ImportJob;
import dev.sessiondesk.app.importer.ImportOptions;
import dev.sessiondesk.app.importer.ImportProblem;
import dev.sessiondesk.app.importer.ImportReport;
import dev.sessiondesk.app.importer.ImportSource;
import dev.sessiondesk.app.importer.SessionSink;
import dev.sessiondesk.app.importer.SourceReaders;
import dev.sessiondesk.app.importer.agent.AgentProjectSync;
import dev.sessiondesk.app.importer.chatbox.ChatboxReader;
import dev.sessiondesk.app.importer.chatgpt.ChatGptReader;
import dev.sessiondesk.app.importer.claude.ClaudeReader;
import dev.sessiondesk.app.importer.goose.GooseDbReader;
import dev.sessiondesk.app.importer.goose.GooseExportReader;
import dev.sessiondesk.app.importer.goose.GooseJsonlReader;
import dev.sessiondesk.app.importer.jan.JanReader;
import dev.sessiondesk.app.importer.lmstudio.LmStudioReader;
import dev.sessiondesk.app.importer.openwebui.OpenWebUiReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The one list of which reader reads which {@link ImportFormat}, a plain switch rather than a
 * ServiceLoader: adding a format is a new package beside the others and a line here. It lives apart
 * from the shared pipeline so that the pipeline names no format's package and every format package
 * depends on the pipeline only.
 */
public final class FormatReaders implements SourceReaders {
    private final AgentProjectSync agents;

    public FormatReaders(AgentProjectSync agents) {
        this.agents = agents;
    }

    @Override
    public Run start(ImportOptions options) {
        return new ReaderRun(options);
    }

    @Override
    public ImportReport syncProject(Path project, boolean dryRun) {
        return agents.sync(project, dryRun).asImportReport(dryRun);
    }

    private static final class ReaderRun implements Run {
        private final ImportOptions options;
        /** One ChatGPT reader for the whole run, so a split export is read as one. */
        private final ChatGptReader chatgpt;

        ReaderRun(ImportOptions options) {
            this.options = options;
            this.chatgpt = new ChatGptReader(options);
        }

        @Override
        public void read(ImportJob job, SessionSink sink) throws IOException {
            switch (job.format()) {
                case GOOSE_JSONL -> new GooseJsonlReader(options).read(job.path(), sink);
                case GOOSE_EXPORT -> new GooseExportReader(options).read(job.path(), sink);
                case CHATGPT, CLAUDE, OPEN_WEBUI, LM_STUDIO, CHATBOX -> readEntry(job.format(), ImportSource.of(job.path()), sink);
                case JAN -> new JanReader(options).read(job.path(), sink);
                case GOOSE_DB -> {
                    try {
                        new GooseDbReader(options).read(job.path(), sink);
                    } catch (GooseDbReader.UnreadableDatabase e) {
                        String label = job.path().getFileName() == null ? job.path().toString()
                                : job.path().getFileName().toString();
                        sink.failed(label, List.of(new ImportProblem(label,
                                "cannot read the Goose database (" + e.getMessage() + ")")));
                    }
                }
                case AGENTS -> throw new IllegalStateException("agent projects are synced, not read");
            }
        }

        @Override
        public boolean readEntry(ImportFormat format, ImportSource source, SessionSink sink) throws IOException {
            switch (format) {
                case CHATGPT -> chatgpt.read(source, sink);
                case CLAUDE -> new ClaudeReader(options).read(source, sink);
                case OPEN_WEBUI -> new OpenWebUiReader(options).read(source, sink);
                case LM_STUDIO -> new LmStudioReader(options).read(source, sink);
                case CHATBOX -> new ChatboxReader(options).read(source, sink);
                case GOOSE_EXPORT -> new GooseExportReader(options).read(source, sink);
                default -> {
                    return false;
                }
            }
            return true;
        }
    }
}
