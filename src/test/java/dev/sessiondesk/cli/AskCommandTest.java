package dev.sessiondesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.assistant.AssistantSettings;
import dev.sessiondesk.app.assistant.FakeChatServer;
import dev.sessiondesk.app.assistant.OfflineAssistant;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AskCommandTest {
    @TempDir
    Path dir;
    CliSession cli;

    @BeforeEach
    void setUp() {
        cli = new CliSession(dir);
    }

    @Test
    void streamsTheReplyToStdoutAndSavesItLikeTheApp() throws Exception {
        List<String> tokens = List.of("The ", "answer ", "is ", "42.");
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.streaming(tokens, Duration.ofMillis(20)))) {
            CliSession.Run r = cli.run("ask", cli.sessionId.substring(0, 13), "What", "is", "it?", "--endpoint", server.baseUrl(),
                    "--model", "tiny");
            assertThat(r.err()).isEmpty();
            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEqualTo("The answer is 42.\n");
            assertThat(server.requestBodies.get(0)).contains("\"model\":\"tiny\"").contains("What is it?");
        }
        List<Message> stored = cli.messages();
        assertThat(stored).hasSize(2);
        assertThat(ContentItems.plainText(stored.get(0).contentJson())).isEqualTo("What is it?");
        assertThat(ContentItems.plainText(stored.get(1).contentJson())).isEqualTo("The answer is 42.");
        assertThat(stored.get(1).state()).isEqualTo(MessageState.COMPLETE);
        assertThat(cli.session().title()).isEqualTo("The answer is 42"); // the assistant's answer, used as its title
    }

    @Test
    void theEndpointCanComeFromTheEnvironment() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.streaming(List.of("env ", "works"), Duration.ZERO))) {
            cli.env.put(AssistantSettings.ENV_ENDPOINT, server.baseUrl());
            cli.env.put(AssistantSettings.ENV_API_KEY, "sk-from-env");
            CliSession.Run r = cli.run("ask", cli.sessionId, "hello");
            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEqualTo("env works\n");
            assertThat(server.authorizations).contains("Bearer sk-from-env");
        }
    }

    @Test
    void anEndpointErrorIsOneLineWithExitTwoAndTheMessageIsKept() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliSession.Run r = cli.run("ask", cli.sessionId, "Are you there?", "--endpoint", "http://127.0.0.1:" + port + "/v1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).singleElement().isEqualTo("sessiondesk: The assistant at http://127.0.0.1:" + port
                + "/v1 refused the connection (is the server running?) (your message is saved as message 1 of session "
                + cli.sessionId + ")");
        assertThat(cli.messages()).singleElement()
                .satisfies(m -> assertThat(ContentItems.plainText(m.contentJson())).isEqualTo("Are you there?"));
    }

    @Test
    void withoutAnEndpointTheOfflineDemoAssistantAnswers() {
        CliSession.Run r = cli.run("ask", cli.sessionId, "Hi");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith(OfflineAssistant.LABEL).endsWith("\n");
        assertThat(cli.messages()).hasSize(2);
        assertThat(cli.session().title()).isEqualTo("Hi"); // offline: titled from the first message
    }

    @Test
    void aSettingsFileWithAKeyThatOthersCanReadIsRefused() throws Exception {
        Path file = cli.config.resolve("sessiondesk").resolve(AssistantSettings.FILE_NAME);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "endpoint=http://127.0.0.1:9/v1\napi_key=sk-shared\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        CliSession.Run r = cli.run("ask", cli.sessionId, "hello");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("other users can read the file").contains("chmod 600 " + file)
                .doesNotContain("sk-shared");
        assertThat(cli.messages()).isEmpty(); // refused before anything was sent or saved
    }

    @Test
    void retryAnswersTheSavedMessageAfterAFailure() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThat(cli.run("ask", cli.sessionId, "Still", "there?", "--endpoint", "http://127.0.0.1:" + port + "/v1").exit())
                .isEqualTo(2);
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.streaming(List.of("Yes."), Duration.ZERO))) {
            CliSession.Run r = cli.run("ask", cli.sessionId, "--retry", "--endpoint", server.baseUrl());
            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEqualTo("Yes.\n");
            assertThat(server.requestBodies.get(0)).contains("Still there?");
        }
        assertThat(cli.messages()).extracting(m -> ContentItems.plainText(m.contentJson())).containsExactly("Still there?", "Yes.");
        CliSession.Run both = cli.run("ask", cli.sessionId, "text", "--retry");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("exactly one of: TEXT, --retry, --continue");
    }
}
