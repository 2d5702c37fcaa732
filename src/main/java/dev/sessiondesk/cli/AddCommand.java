package dev.sessiondesk.cli;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.importer.Utf8Lines;
import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.GooseMessages;
import dev.sessiondesk.model.MalformedMessageException;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.store.StoreException;
import dev.sessiondesk.model.Role;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add", description = {
        "Append messages to a session. Each is committed before its line is printed:",
        "  --text / --json: one message; prints \"seq hash\".",
        "  --jsonl -: one Goose message per input line; prints and flushes \"seq hash\" after each commit."})
final class AddCommand extends StoreCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID", description = "The session (id or unambiguous prefix).")
    String id;

    @Option(names = "--role", paramLabel = "user|assistant", description = "Who wrote it (with --text).")
    String role;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--text", paramLabel = "T", description = "Plain text of the message.")
        String text;
        @Option(names = "--json", paramLabel = "FILE|-", description = "A Goose message JSON object.")
        String json;
        @Option(names = "--jsonl", paramLabel = "FILE|-", description = "One Goose message JSON object per line.")
        String jsonl;
    }

    @Override
    public Integer call() throws IOException {
        try (SessionDesk desk = root.openWritable()) {
            String sessionId = SessionDeskCommand.resolve(desk, id).id();
            PrintWriter out = out();
            if (source.text != null) {
                if (role == null) {
                    throw new CliFailure("--text needs --role user or --role assistant");
                }
                NewMessage m = NewMessage.text(parseRole(role), source.text);
                print(out, append(desk, sessionId, m, "cannot save the --text message", ""));
            } else if (source.json != null) {
                byte[] bytes = source.json.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(source.json));
                NewMessage m;
                try {
                    m = GooseMessages.parse(strictUtf8(bytes));
                } catch (MalformedMessageException e) {
                    throw new CliFailure("cannot read the message in " + label(source.json) + ": " + e.getMessage()
                            + "; nothing was saved");
                } catch (java.nio.charset.CharacterCodingException e) {
                    throw new CliFailure("cannot read the message in " + label(source.json)
                            + ": it is not valid UTF-8; nothing was saved");
                }
                if (role != null) {
                    m = new NewMessage(m.messageId(), parseRole(role), m.created(), m.contentJson(), m.userVisible(),
                            m.agentVisible());
                }
                print(out, append(desk, sessionId, m, "cannot save the message in " + label(source.json), ""));
            } else {
                appendLines(desk, sessionId, out);
            }
            return 0;
        }
    }

    private void appendLines(SessionDesk desk, String sessionId, PrintWriter out) throws IOException {
        String label = label(source.jsonl);
        // Strict UTF-8, decoded line by line: a bad byte is named on its own line, never replaced by U+FFFD.
        try (Utf8Lines in = new Utf8Lines(source.jsonl.equals("-") ? System.in
                : Files.newInputStream(Path.of(source.jsonl)))) {
            String line;
            int lineNo = 0;
            while (true) {
                try {
                    line = in.next();
                } catch (java.nio.charset.CharacterCodingException e) {
                    throw new CliFailure("cannot read " + label + " line " + in.lineNumber() + ": it is not valid"
                            + " UTF-8 (the lines before it are saved)");
                }
                if (line == null) {
                    break;
                }
                lineNo = in.lineNumber();
                if (line.isBlank()) {
                    continue;
                }
                NewMessage m;
                try {
                    m = GooseMessages.parse(line);
                } catch (MalformedMessageException e) {
                    // Everything printed before this line is committed; nothing of this line is.
                    throw new CliFailure("cannot read " + label + " line " + lineNo + ": " + e.getMessage()
                            + " (the lines before it are saved)");
                }
                print(out, append(desk, sessionId, m, "cannot save " + label + " line " + lineNo,
                        " (the lines before it are saved)"));
            }
        }
    }

    /** Appends; a message over the size limit is named by where it came from. */
    private static AppendResult append(SessionDesk desk, String sessionId, NewMessage m, String where, String saved) {
        try {
            return desk.sessions().append(sessionId, m);
        } catch (StoreException e) {
            if (e.kind() == StoreException.Kind.TOO_LARGE) {
                throw new CliFailure(where + ": " + e.getMessage() + saved);
            }
            throw e;
        }
    }

    private static String strictUtf8(byte[] bytes) throws java.nio.charset.CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }

    private static String label(String source) {
        return source.equals("-") ? "standard input" : source;
    }

    private static Role parseRole(String value) {
        try {
            return Role.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw new CliFailure("--role " + e.getMessage());
        }
    }

    private static void print(PrintWriter out, AppendResult r) {
        out.println(r.seq() + " " + r.hash());
        out.flush();
        StdoutFailure.check(out); // no more input is committed once its acknowledgements cannot be printed
    }
}
