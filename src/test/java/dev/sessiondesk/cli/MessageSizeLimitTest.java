package dev.sessiondesk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.assistant.ReplyListener;
import dev.sessiondesk.app.assistant.ReplyOutcome;
import dev.sessiondesk.app.assistant.ReplyState;
import dev.sessiondesk.model.MessageSize;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 8: one message holds at most {@link MessageSize#MAX_TEXT_CHARS} of text, on every way
 * in (here {@code add} in its three forms, the composer's send, a store append), each refusal located
 * and plain, and nothing already saved lost.
 */
class MessageSizeLimitTest {
    private static final String FIVE_MB = "x".repeat(5 * 1024 * 1024);
    private static final String OK = "{\"role\":\"user\",\"created\":1704110400,\"content\":[{\"type\":\"text\",\"text\":\"fine\"}]}";
    @TempDir
    Path tmp;

    private static String message(String text) {
        return "{\"role\":\"user\",\"created\":1704110400,\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}]}";
    }

    @Test
    void addRefusesATooLargeMessageNamingTheLineAndTheSizesAndKeepsTheLinesBefore() throws Exception {
        CliSession cli = new CliSession(tmp);
        Path jsonl = tmp.resolve("in.jsonl");
        Files.writeString(jsonl, OK + "\n" + message(FIVE_MB) + "\n" + OK + "\n", StandardCharsets.UTF_8);
        CliSession.Run lines = cli.run("add", cli.sessionId, "--jsonl", jsonl.toString());
        assertThat(lines.exit()).as(lines.err()).isEqualTo(SessionDeskCommand.EXIT_ERROR);
        assertThat(lines.err()).contains("cannot save " + jsonl + " line 2: the message holds 5.0 MB of text;"
                        + " one message can hold at most 4.0 MB").contains("(the lines before it are saved)")
                .doesNotContain("Exception");
        assertThat(cli.messages()).hasSize(1);

        Path json = tmp.resolve("one.json");
        Files.writeString(json, message(FIVE_MB), StandardCharsets.UTF_8);
        CliSession.Run one = cli.run("add", cli.sessionId, "--json", json.toString());
        assertThat(one.exit()).isEqualTo(SessionDeskCommand.EXIT_ERROR);
        assertThat(one.err()).contains("cannot save the message in " + json + ": the message holds 5.0 MB of text")
                .contains("it was not saved");
        CliSession.Run text = cli.run("add", cli.sessionId, "--role", "user", "--text", FIVE_MB);
        assertThat(text.exit()).isEqualTo(SessionDeskCommand.EXIT_ERROR);
        assertThat(text.err()).contains("cannot save the --text message: the message holds 5.0 MB of text");
        assertThat(cli.messages()).hasSize(1);
        assertThat(cli.session().messageCount()).isEqualTo(1);
    }

    @Test
    void theLimitItselfFitsAndOneCharacterMoreDoesNotOnTheStoreAndTheComposersPath() throws Exception {
        CliSession cli = new CliSession(tmp);
        try (SessionDesk desk = SessionDesk.open(cli.data)) {
            String limit = "y".repeat(MessageSize.MAX_TEXT_CHARS);
            desk.sessions().append(cli.sessionId, NewMessage.text(Role.USER, limit));
            assertThatThrownBy(() -> desk.sessions().append(cli.sessionId, NewMessage.text(Role.USER, limit + "y")))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.TOO_LARGE))
                    .hasMessageContaining("one message can hold at most 4.0 MB");
            // The composer sends through the reply service: the text is not saved and not sent, with the reason.
            ReplyOutcome outcome = desk.replies().send(cli.sessionId, FIVE_MB, ReplyListener.NONE).done()
                    .get(20, TimeUnit.SECONDS);
            assertThat(outcome.state()).isEqualTo(ReplyState.NOT_SAVED);
            assertThat(outcome.error()).contains("the message holds 5.0 MB of text");
            assertThat(desk.store().messages().list(cli.sessionId)).hasSize(1);
        }
    }
}
