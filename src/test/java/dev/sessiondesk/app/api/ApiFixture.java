package dev.sessiondesk.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.chat.SessionChanges;
import dev.sessiondesk.model.CanonicalJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A real store in a temp folder with a real API server on an ephemeral loopback port. */
final class ApiFixture implements AutoCloseable {
    final Path data;
    final Path config;
    final SessionDesk desk;
    final SessionChanges changes = new SessionChanges();
    final ApiServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    ApiFixture(Path dir) throws IOException {
        this(dir, o -> o);
    }

    ApiFixture(Path dir, UnaryOperator<ApiOptions> tune) throws IOException {
        data = dir.resolve("data");
        config = dir.resolve("config");
        desk = SessionDesk.open(data);
        server = ApiServer.start(desk, changes, tune.apply(ApiOptions.loopback(config, 0)));
    }

    String token() {
        return server.token().reveal();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(authed(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json);
        return http.send(authed(path).method(method, body).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder authed(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).header("X-Secret-Key", token());
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return CanonicalJson.MAPPER.readTree(r.body());
    }

    RawHttp raw() {
        return new RawHttp(server.port());
    }

    @Override
    public void close() {
        server.close();
        desk.close();
    }
}
