package dev.sessiondesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.DataLocations;
import dev.sessiondesk.app.assistant.AssistantSettings;
import dev.sessiondesk.app.assistant.FakeChatServer;
import dev.sessiondesk.app.assistant.OfflineAssistant;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AskCommandTest {
    @TempDir
    Path dir;
    Path data;
    Path config;
    Map<String, String> env = new HashMap<>();
    String sessionId;

    record Run(int exit, String out, String err) { }

    @BeforeEach
    void setUp() {
        data = dir.resolve("data");
        config = dir.resolve("config");
        env.put("XDG_CONFIG_HOME", config.toString());
        try (Store store = Store.open(data)) {
            sessionId = store.sessions().create(NewSession.blank()).id();
        }
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        DataLocations locations = new DataLocations(env, "Linux", dir.resolve("home"));
        String[] full = new String[args.length + 2];
        full[0] = "--data-dir";
        full[1] = data.toString();
        System.arraycopy(args, 0, full, 2, args.length);
        int exit = SessionDeskCommand.commandLine(locations, new PrintWriter(out), new PrintWriter(err)).execute(full);
        return new Run(exit, out.toString(), err.toString());
    }

    private List<Message> messages() {
        try (Store store = Store.open(data)) {
            return store.messages().list(sessionId);
        }
    }

    private Session session() {
        try (Store store = Store.open(data)) {
            return store.sessions().require(sessionId);
        }
    }

    @Test
    void streamsTheReplyToStdoutAndSavesItLikeTheApp() throws Exception {
        List<String> tokens = List.of("The ", "answer ", "is ", "42.");
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.streaming(tokens, Duration.ofMillis(20)))) {
            Run r = run("ask", sessionId.substring(0, 13), "What", "is", "it?", "--endpoint", server.baseUrl(),
                    "--model", "tiny");
            assertThat(r.err()).isEmpty();
            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEqualTo("The answer is 42.\n");
            assertThat(server.requestBodies.get(0)).contains("\"model\":\"tiny\"").contains("What is it?");
        }
        List<Message> stored = messages();
        assertThat(stored).hasSize(2);
        assertThat(ContentItems.plainText(stored.get(0).contentJson())).isEqualTo("What is it?");
        assertThat(ContentItems.plainText(stored.get(1).contentJson())).isEqualTo("The answer is 42.");
        assertThat(stored.get(1).state()).isEqualTo(MessageState.COMPLETE);
        assertThat(session().title()).isEqualTo("The answer is 42"); // the assistant's answer, used as its title
    }

    @Test
    void theEndpointCanComeFromTheEnvironment() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.streaming(List.of("env ", "works"), Duration.ZERO))) {
            env.put(AssistantSettings.ENV_ENDPOINT, server.baseUrl());
            env.put(AssistantSettings.ENV_API_KEY, "sk-from-env");
            Run r = run("ask", sessionId, "hello");
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
        Run r = run("ask", sessionId, "Are you there?", "--endpoint", "http://127.0.0.1:" + port + "/v1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).singleElement().isEqualTo("sessiondesk: The assistant at http://127.0.0.1:" + port
                + "/v1 refused the connection (is the server running?) (your message is saved as message 1 of session "
                + sessionId + ")");
        assertThat(messages()).singleElement()
                .satisfies(m -> assertThat(ContentItems.plainText(m.contentJson())).isEqualTo("Are you there?"));
    }

    @Test
    void withoutAnEndpointTheOfflineDemoAssistantAnswers() {
        Run r = run("ask", sessionId, "Hi");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith(OfflineAssistant.LABEL).endsWith("\n");
        assertThat(messages()).hasSize(2);
        assertThat(session().title()).isEqualTo("Hi"); // offline: titled from the first message
    }

    @Test
    void aSettingsFileWithAKeyThatOthersCanReadIsRefused() throws Exception {
        Path file = config.resolve("sessiondesk").resolve(AssistantSettings.FILE_NAME);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "endpoint=http://127.0.0.1:9/v1\napi_key=sk-shared\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Run r = run("ask", sessionId, "hello");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("other users can read the file").contains("chmod 600 " + file)
                .doesNotContain("sk-shared");
        assertThat(messages()).isEmpty(); // refused before anything was sent or saved
    }

    @Test
    void retryAnswersTheSavedMessageAfterAFailure() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThat(run("ask", sessionId, "Still", "there?", "--endpoint", "http://127.0.0.1:" + port + "/v1").exit())
                .isEqualTo(2);
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.streaming(List.of("Yes."), Duration.ZERO))) {
            Run r = run("ask", sessionId, "--retry", "--endpoint", server.baseUrl());
            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEqualTo("Yes.\n");
            assertThat(server.requestBodies.get(0)).contains("Still there?");
        }
        assertThat(messages()).extracting(m -> ContentItems.plainText(m.contentJson())).containsExactly("Still there?", "Yes.");
        Run both = run("ask", sessionId, "text", "--retry");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("exactly one of: TEXT, --retry, --continue");
    }
}
