package dev.sessiondesk.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sessiondesk.model.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Token, Host check, path escapes, body limits, CORS, the taken port. */
class ApiSecurityTest {
    @TempDir
    Path tmp;
    ApiFixture api;
    String sessionId;
    ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void start() throws Exception {
        ((Logger) LoggerFactory.getLogger("dev.sessiondesk")).addAppender(logs);
        logs.start();
        api = new ApiFixture(tmp);
        Session s = api.desk.sessions().create("Secret plans", null);
        sessionId = s.id();
    }

    @AfterEach
    void stop() {
        api.close();
        ((Logger) LoggerFactory.getLogger("dev.sessiondesk")).detachAppender(logs);
    }

    private String get(String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + api.server.port() + "\r\n" + extraHeaders
                + "Connection: close\r\n\r\n";
    }

    @Test
    void statusIsOpenEverythingElseNeedsTheToken() throws Exception {
        assertThat(api.raw().exchange(get("/status", "")).status()).isEqualTo(200);
        assertThat(api.raw().exchange(get("/sessions", "")).status()).isEqualTo(401);
        assertThat(api.raw().exchange(get("/sessions/" + sessionId, "")).status()).isEqualTo(401);
        assertThat(api.raw().exchange(get("/api/v1/sessions", "")).status()).isEqualTo(401);
        assertThat(api.raw().exchange(get("/sessions", "X-Secret-Key: wrong\r\n")).status()).isEqualTo(401);
        assertThat(api.raw().exchange(get("/sessions", "X-Secret-Key: " + api.token() + "\r\n")).status()).isEqualTo(200);
        assertThat(api.raw().exchange(get("/sessions", "Authorization: Bearer " + api.token() + "\r\n")).status())
                .isEqualTo(200);
        assertThat(api.raw().exchange(get("/sessions", "Authorization: Basic " + api.token() + "\r\n")).status())
                .isEqualTo(401);
    }

    @Test
    void theTokenIs256RandomBitsKeptPrivateAndNeverLogged() throws Exception {
        Path file = api.config.resolve(ApiToken.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(java.util.Base64.getUrlDecoder().decode(api.token())).hasSize(32);
        assertThat(ApiToken.loadOrCreate(api.config).reveal()).isEqualTo(api.token()); // made once, then kept
        api.raw().exchange(get("/sessions", "X-Secret-Key: " + api.token() + "x\r\n"));
        api.raw().exchange(get("/sessions", "X-Secret-Key: " + api.token() + "\r\n"));
        assertThat(logs.list).anyMatch(e -> e.getFormattedMessage().contains("without a valid token"));
        assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains(api.token()));
        assertThat(api.server.token().toString()).doesNotContain(api.token());
    }

    @Test
    void failedTokensAreRateLimitedPerClient() throws Exception {
        for (int i = 0; i < RequestGuard.MAX_FAILURES; i++) {
            assertThat(api.raw().exchange(get("/sessions", "X-Secret-Key: guess" + i + "\r\n")).status()).isEqualTo(401);
        }
        RawHttp.Answer limited = api.raw().exchange(get("/sessions", "X-Secret-Key: " + api.token() + "\r\n"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.head()).contains("Retry-After: 60");
        assertThat(api.raw().exchange(get("/status", "")).status()).isEqualTo(200); // /status stays open
    }

    @Test
    void aForeignHostHeaderIsRefusedBeforeRouting() throws Exception {
        String token = "X-Secret-Key: " + api.token() + "\r\n";
        RawHttp.Answer evil = api.raw().exchange("GET /sessions HTTP/1.1\r\nHost: evil.example\r\n" + token
                + "Connection: close\r\n\r\n");
        assertThat(evil.status()).isEqualTo(403);
        assertThat(evil.body()).doesNotContain("Secret plans");
        assertThat(api.raw().exchange("GET /status HTTP/1.1\r\nHost: evil.example:" + api.server.port()
                + "\r\nConnection: close\r\n\r\n").status()).isEqualTo(403);
        assertThat(api.raw().exchange("GET /sessions HTTP/1.1\r\n" + token + "Connection: close\r\n\r\n").status())
                .isEqualTo(403); // no Host at all
        assertThat(api.raw().exchange("GET /sessions HTTP/1.1\r\nHost: localhost:" + api.server.port() + "\r\n" + token
                + "Connection: close\r\n\r\n").status()).isEqualTo(200);
        assertThat(api.raw().exchange("GET /sessions HTTP/1.1\r\nHost: LOCALHOST\r\n" + token
                + "Connection: close\r\n\r\n").status()).isEqualTo(200);
    }

    @Test
    void idsThatTryToEscapeThePathAreRejected() throws Exception {
        String token = "X-Secret-Key: " + api.token() + "\r\n";
        for (String id : new String[]{"..%2F..%2Fetc%2Fpasswd", "%2e%2e", "..", "a%2F..%2F" + sessionId,
                "%00" + sessionId, sessionId + "%5C..%5C", "%252e%252e%252f"}) {
            RawHttp.Answer a = api.raw().exchange(get("/sessions/" + id, token));
            assertThat(a.status()).as(id).isIn(400, 404);
            assertThat(a.body()).as(id).doesNotContain("Secret plans").doesNotContain("root:");
        }
        assertThat(api.raw().exchange(get("/sessions/..%2F..%2Fetc%2Fpasswd", token)).status()).isEqualTo(400);
        assertThat(api.raw().exchange(get("/sessions/" + sessionId + "/..%2F..", token)).status()).isEqualTo(404);
        assertThat(api.raw().exchange(get("/sessions/" + sessionId, token)).status()).isEqualTo(200);
    }

    @Test
    void aTenMegabyteBodyIsRefusedWithoutBeingRead() throws Exception {
        int tenMb = 10 * 1024 * 1024;
        try (Socket s = new Socket("127.0.0.1", api.server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("PUT /sessions/" + sessionId + "/name HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Secret-Key: " + api.token()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + tenMb + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write("{\"name\":\"".getBytes(StandardCharsets.UTF_8));
            out.flush();
            RawHttp.Answer a = RawHttp.read(s.getInputStream());
            assertThat(a.status()).isEqualTo(413);
        }
        assertThat(api.desk.sessions().require(sessionId).title()).isEqualTo("Secret plans");
        // A body of unknown length is refused too. Sent on a raw socket that then waits for the answer:
        // an HTTP client still streaming a large body races the server's close and may see a reset
        // instead of the 411 (seen once under CI load).
        try (Socket s = new Socket("127.0.0.1", api.server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("PUT /sessions/" + sessionId + "/name HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Secret-Key: " + api.token()
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"name\":\"aaaaaa\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(RawHttp.read(s.getInputStream()).status()).isEqualTo(411);
        }
        assertThat(api.desk.sessions().require(sessionId).title()).isEqualTo("Secret plans");
    }

    @Test
    void noCorsHeadersUnlessTheUserAllowedThatOrigin() throws Exception {
        String token = "X-Secret-Key: " + api.token() + "\r\n";
        RawHttp.Answer plain = api.raw().exchange(get("/sessions", token + "Origin: http://localhost:5173\r\n"));
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.head()).doesNotContain("Access-Control-Allow-Origin");
        try (ApiFixture allowing = new ApiFixture(tmp.resolve("cors"), o -> o.withAllowedOrigin("http://localhost:5173"))) {
            String t = "X-Secret-Key: " + allowing.token() + "\r\n";
            String host = "Host: 127.0.0.1:" + allowing.server.port() + "\r\n";
            RawHttp.Answer ok = allowing.raw().exchange("GET /sessions HTTP/1.1\r\n" + host + t
                    + "Origin: http://localhost:5173\r\nConnection: close\r\n\r\n");
            assertThat(ok.head()).contains("Access-Control-Allow-Origin: http://localhost:5173");
            RawHttp.Answer other = allowing.raw().exchange("GET /sessions HTTP/1.1\r\n" + host + t
                    + "Origin: https://evil.example\r\nConnection: close\r\n\r\n");
            assertThat(other.head()).doesNotContain("Access-Control-Allow-Origin");
            RawHttp.Answer preflight = allowing.raw().exchange("OPTIONS /sessions HTTP/1.1\r\n" + host
                    + "Origin: http://localhost:5173\r\nAccess-Control-Request-Method: GET\r\nConnection: close\r\n\r\n");
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.head()).contains("Access-Control-Allow-Headers: X-Secret-Key");
        }
    }

    @Test
    void aTakenPortFailsWithAMessageThatSaysSo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> ApiServer.start(api.desk, api.changes, ApiOptions.loopback(api.config, port)))
                    .isInstanceOf(BindException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("already in use");
        }
    }

    @Test
    void aLanAddressIsRefusedUnlessLanAccessIsOn() {
        assertThatThrownBy(() -> ApiServer.start(api.desk, api.changes,
                ApiOptions.loopback(api.config, 0).withBind("0.0.0.0", false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without LAN access");
    }
}
