package dev.sessiondesk.cli;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.SessionExporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", description = "Export a session as JSON (Goose export shape) or Markdown.")
final class ExportCommand extends StoreCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID")
    String id;
    @Option(names = "--format", required = true, paramLabel = "json|md", converter = FormatConverter.class)
    SessionExporter.Format format;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE|-",
            description = "Write to a new FILE (0600; its folder is left as it is) instead of stdout; - is stdout.")
    Path output;
    @Option(names = "--force", description = "Replace FILE if it exists.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        try (SessionDesk desk = root.open()) {
            ReadOnlyNotice.warn(desk, spec);
            String sid = SessionDeskCommand.resolve(desk, id).id();
            if (output != null && !output.toString().equals("-")) {
                try {
                    desk.exporter().exportTo(sid, format, output, force);
                } catch (java.nio.file.FileSystemException e) {
                    throw new CliFailure("cannot export to " + e.getFile() + ": " + e.getReason());
                }
                err().println("exported " + sid + " to " + output.toAbsolutePath());
            } else {
                out().print(desk.exporter().export(sid, format));
                out().flush();
            }
            return 0;
        }
    }

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<SessionExporter.Format> {
        @Override
        public SessionExporter.Format convert(String value) {
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "json" -> SessionExporter.Format.JSON;
                case "md", "markdown" -> SessionExporter.Format.MD;
                default -> throw new picocli.CommandLine.TypeConversionException("must be json or md, not " + value);
            };
        }
    }
}
