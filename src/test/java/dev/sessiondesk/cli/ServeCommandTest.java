package dev.sessiondesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.Launcher;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sessiondesk serve} and {@code sessiondesk api-token} as a user runs them: real child processes. */
class ServeCommandTest {
    @TempDir
    Path tmp;

    private Process cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsessiondesk.logDir=" + tmp.resolve("logs"), "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName(), "--data-dir", tmp.resolve("data").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("XDG_CONFIG_HOME", tmp.resolve("config").toString());
        return pb.start();
    }

    @Test
    void servePrintsWhereItListensOnceItAcceptsAndTheTokenFromApiTokenWorks() throws Exception {
        Process token = cli("api-token");
        assertThat(token.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String secret = new String(token.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(token.exitValue()).isZero();
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        Path file = tmp.resolve("config/sessiondesk/api-token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        Process serve = cli("serve", "--port", "0");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).matches("listening on http://127\\.0\\.0\\.1:[0-9]+");
            URI base = URI.create(line.substring("listening on ".length()));
            HttpClient http = HttpClient.newHttpClient();
            // Printed only once it accepts: the very first request is answered.
            assertThat(http.send(HttpRequest.newBuilder(base.resolve("/status")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("ok");
            HttpResponse<String> sessions = http.send(HttpRequest.newBuilder(base.resolve("/sessions"))
                    .header("X-Secret-Key", secret).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sessions.statusCode()).isEqualTo(200);
            assertThat(sessions.body()).contains("\"sessions\"");
            assertThat(http.send(HttpRequest.newBuilder(base.resolve("/sessions")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aTakenPortIsOneClearLineAndExit2() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Process serve = cli("serve", "--port", String.valueOf(taken.getLocalPort()));
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = new String(serve.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(serve.exitValue()).isEqualTo(2);
            assertThat(err.strip()).startsWith("sessiondesk: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("already in use").doesNotContain("Exception").hasLineCount(1);
        }
    }

    @Test
    void aLanAddressWithoutLanIsRefused() throws Exception {
        Process serve = cli("serve", "--port", "0", "--bind", "0.0.0.0");
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(serve.exitValue()).isEqualTo(2);
        assertThat(new String(serve.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).contains("--lan");
    }
}
