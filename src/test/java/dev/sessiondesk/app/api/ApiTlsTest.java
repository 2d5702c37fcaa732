package dev.sessiondesk.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.chat.SessionChanges;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With LAN access on, the API speaks only TLS, with a self-signed certificate whose fingerprint it reports. */
class ApiTlsTest {
    @TempDir
    Path tmp;

    @Test
    void lanAccessServesTlsWithTheFingerprintTheAppShows() throws Exception {
        Path config = tmp.resolve("config");
        String firstFingerprint;
        try (SessionDesk desk = SessionDesk.open(tmp.resolve("data"));
             ApiServer server = ApiServer.start(desk, new SessionChanges(),
                     ApiOptions.loopback(config, 0).withBind("127.0.0.1", true))) {
            assertThat(server.url().getScheme()).isEqualTo("https");
            assertThat(server.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
            firstFingerprint = server.fingerprint();
            assertThat(server.pairingLink()).contains("secret=" + server.token().reveal()).contains("sha256=");
            Path p12 = config.resolve(SelfSignedCertificate.STORE_FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p12))).isEqualTo("rw-------");

            // A phone that pinned this certificate (trusts exactly it) gets through.
            KeyStore ks = KeyStore.getInstance("PKCS12");
            char[] pass = Files.readString(config.resolve(SelfSignedCertificate.PASSWORD_FILE)).strip().toCharArray();
            try (InputStream in = Files.newInputStream(p12)) {
                ks.load(in, pass);
            }
            Certificate cert = ks.getCertificate("sessiondesk-api");
            assertThat(SelfSignedCertificate.fingerprint(cert)).isEqualTo(server.fingerprint());
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("desk", cert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext pinned = SSLContext.getInstance("TLS");
            pinned.init(null, tmf.getTrustManagers(), null);
            URI status = URI.create("https://127.0.0.1:" + server.port() + "/status");
            HttpResponse<String> ok = HttpClient.newBuilder().sslContext(pinned).build()
                    .send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.body()).isEqualTo("ok");

            // A client that trusts only the usual authorities refuses it, and plain HTTP gets nothing.
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(status).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/status")).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(java.io.IOException.class);
        }
        // The same certificate next time: a paired phone keeps trusting it.
        try (SessionDesk desk = SessionDesk.open(tmp.resolve("data"));
             ApiServer again = ApiServer.start(desk, new SessionChanges(),
                     ApiOptions.loopback(config, 0).withBind("127.0.0.1", true))) {
            assertThat(again.fingerprint()).isEqualTo(firstFingerprint);
        }
    }
}
