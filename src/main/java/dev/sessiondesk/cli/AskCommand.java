package dev.sessiondesk.cli;

import dev.sessiondesk.app.DataLocations;
import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.assistant.Assistant;
import dev.sessiondesk.app.assistant.AssistantSettings;
import dev.sessiondesk.app.assistant.ReplyHandle;
import dev.sessiondesk.app.assistant.ReplyListener;
import dev.sessiondesk.app.assistant.ReplyOutcome;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ask", description = {
        "Send a message to a session and stream the assistant's reply to standard output, saving it exactly as the"
                + " app does: your message is committed first, the reply is saved while it streams (checkpoints at"
                + " least every 250 ms) and marked complete at the end.",
        "The assistant: --endpoint/--model, else $SESSIONDESK_ENDPOINT/$SESSIONDESK_MODEL, else the settings file"
                + " assistant.properties in the config folder, else the offline demo assistant. The API key comes only"
                + " from $SESSIONDESK_API_KEY or that 0600 file, never from the command line.",
        "Exit 0 when the reply completed, 2 with one line on standard error when it did not (your message stays"
                + " saved; a partial reply is kept, marked interrupted)."})
final class AskCommand extends StoreCommand implements Callable<Integer> {
    private static final long TITLE_WAIT_SECONDS = 15;

    @Parameters(index = "0", paramLabel = "ID", description = "The session (id or unambiguous prefix).")
    String id;
    @Parameters(index = "1..*", arity = "0..*", paramLabel = "TEXT",
            description = "Your message (words are joined by spaces; - reads it from standard input).")
    List<String> words;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "An OpenAI-compatible base URL, e.g. http://localhost:11434/v1 (Ollama).")
    String endpoint;
    @Option(names = "--model", paramLabel = "M", description = "The model name the server expects.")
    String model;
    @Option(names = "--offline", description = "Use the built-in offline demo assistant whatever is configured.")
    boolean offline;
    @Option(names = "--retry", description = "No new message: answer your last saved message again (after a failure).")
    boolean retry;
    @Option(names = "--continue", description = "No new message: carry on from an interrupted or stopped reply.")
    boolean continueReply;

    @Override
    public Integer call() throws InterruptedException {
        String text = message();
        AssistantSettings settings = settings();
        Assistant assistant = settings.createAssistant(); // fails here, naming the setting, on an unusable endpoint
        try (SessionDesk desk = root.openWritable()) {
            String sessionId = SessionDeskCommand.resolve(desk, id).id();
            desk.assistants().use(settings, assistant);
            PrintWriter out = out();
            PrintWriter err = err();
            boolean[] printedAny = {false};
            ReplyListener toStdout = new ReplyListener() {
                @Override
                public void delta(String piece) {
                    out.print(piece);
                    out.flush();
                    printedAny[0] = true;
                }
            };
            ReplyHandle reply = retry ? desk.replies().retry(sessionId, toStdout)
                    : continueReply ? desk.replies().continueReply(sessionId, toStdout)
                    : desk.replies().send(sessionId, text, toStdout);
            // Ctrl+C stops the reply like the Stop button: the partial is kept and marked stopped.
            Thread stopOnSignal = desk.workers().thread("ask-stop-on-signal", false, () -> {
                reply.stop();
                awaitQuietly(reply, 5);
            });
            Runtime.getRuntime().addShutdownHook(stopOnSignal);
            ReplyOutcome outcome;
            try {
                outcome = reply.done().get();
            } catch (ExecutionException e) {
                throw new CliFailure("the reply failed: " + e.getCause());
            } finally {
                removeHook(stopOnSignal);
            }
            if (printedAny[0] && !outcome.text().endsWith("\n")) {
                out.println();
            }
            out.flush();
            switch (outcome.state()) {
                case COMPLETE -> {
                    awaitTitle(reply);
                    return SessionDeskCommand.EXIT_OK;
                }
                case NOT_SAVED -> throw new CliFailure("your message was not saved, nothing was sent: " + outcome.error());
                case STOPPED -> throw new CliFailure("the reply was stopped" + savedNote(outcome));
                default -> {
                    err.println("sessiondesk: " + outcome.error() + savedNote(outcome));
                    err.flush();
                    return SessionDeskCommand.EXIT_ERROR;
                }
            }
        }
    }

    /** The new message, or null with --retry/--continue; exactly one of them must be given. */
    private String message() {
        boolean hasText = words != null && !words.isEmpty();
        int given = (hasText ? 1 : 0) + (retry ? 1 : 0) + (continueReply ? 1 : 0);
        if (given != 1) {
            throw new CliFailure("ask needs exactly one of: TEXT, --retry, --continue");
        }
        if (!hasText) {
            return null;
        }
        if (words.size() == 1 && words.get(0).equals("-")) {
            try {
                String text = new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
                if (text.isEmpty()) {
                    throw new CliFailure("standard input is empty: there is no message to send");
                }
                return text;
            } catch (java.io.IOException e) {
                throw new CliFailure("cannot read the message from standard input: " + e.getMessage());
            }
        }
        return String.join(" ", words);
    }

    private AssistantSettings settings() {
        if (offline) {
            return AssistantSettings.offline();
        }
        DataLocations locations = root.locations();
        AssistantSettings s = AssistantSettings.load(locations.environment(), locations.configDir());
        if (endpoint != null) {
            s = s.withEndpoint(endpoint);
        }
        if (model != null) {
            s = s.withModel(model);
        }
        return s;
    }

    private static String savedNote(ReplyOutcome o) {
        StringBuilder note = new StringBuilder();
        if (o.userMessage() != null) {
            note.append(" (your message is saved as message ").append(o.userMessage().seq())
                    .append(" of session ").append(o.sessionId());
            if (o.reply() != null) {
                note.append("; the partial reply is message ").append(o.reply().seq());
            }
            note.append(")");
        }
        return note.toString();
    }

    /** The automatic title is written in the background; give it a moment before the process exits. */
    private static void awaitTitle(ReplyHandle reply) throws InterruptedException {
        try {
            reply.title().get(TITLE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            org.slf4j.LoggerFactory.getLogger(AskCommand.class).info("no automatic title: {}", e.toString());
        }
    }

    private static void awaitQuietly(ReplyHandle reply, long seconds) {
        try {
            reply.done().get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            org.slf4j.LoggerFactory.getLogger(AskCommand.class).warn("the stopped reply did not save in time: {}",
                    e.toString());
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is saving the stopped reply
        }
    }
}
