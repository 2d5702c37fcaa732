package dev.sessiondesk.app.assistant;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real local HTTP server speaking the OpenAI chat-completions streaming protocol (server-sent
 * events), slowly, for tests. It records every request body and Authorization header.
 */
public final class FakeChatServer implements AutoCloseable {

    @FunctionalInterface
    public interface Behaviour {
        void respond(HttpExchange exchange, FakeChatServer server) throws IOException, InterruptedException;
    }

    private final HttpServer http;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-chat-server");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch closing = new CountDownLatch(1);
    public final List<String> requestBodies = new CopyOnWriteArrayList<>();
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** What {@code GET /v1/models} lists; {@link #modelsStatus} other than 200 answers with that error instead. */
    public final List<String> models = new CopyOnWriteArrayList<>(List.of("fake-small", "fake-large"));
    public volatile int modelsStatus = 200;
    public final List<String> modelsAuthorizations = new CopyOnWriteArrayList<>();

    private FakeChatServer(Behaviour behaviour) throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.setExecutor(threads);
        http.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                requestBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                behaviour.respond(exchange, this);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client went away (stopped or killed): nothing to answer
            }
        });
        http.createContext("/v1/models", exchange -> {
            try (exchange) {
                modelsAuthorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                StringBuilder body = new StringBuilder("{\"object\":\"list\",\"data\":[");
                for (int i = 0; i < models.size(); i++) {
                    body.append(i == 0 ? "" : ",").append("{\"id\":")
                            .append(com.fasterxml.jackson.databind.node.TextNode.valueOf(models.get(i)))
                            .append(",\"object\":\"model\",\"owned_by\":\"test\"}");
                }
                body.append("]}");
                byte[] bytes = (modelsStatus == 200 ? body.toString() : "{\"error\":\"no models here\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(modelsStatus, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        http.start();
    }

    public static FakeChatServer start(Behaviour behaviour) throws IOException {
        return new FakeChatServer(behaviour);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/v1";
    }

    /** Waits up to {@code d}, or until the server closes; true if the server is closing. */
    public boolean sleepOrClose(Duration d) throws InterruptedException {
        return closing.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static String chunk(String content) {
        return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(content) + "},\"finish_reason\":null}]}\n\n";
    }

    public static void startStream(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
    }

    public static void write(HttpExchange ex, String text) throws IOException {
        OutputStream out = ex.getResponseBody();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Streams the tokens with {@code delay} between them, then {@code [DONE]}. */
    public static Behaviour streaming(List<String> tokens, Duration delay) {
        return (ex, server) -> {
            startStream(ex);
            write(ex, "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}\n\n");
            for (String t : tokens) {
                if (server.sleepOrClose(delay)) {
                    return;
                }
                write(ex, chunk(t));
            }
            write(ex, "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
            write(ex, "data: [DONE]\n\n");
        };
    }

    /** Streams the tokens, then goes silent until the server closes. */
    public static Behaviour stallingAfter(List<String> tokens) {
        return (ex, server) -> {
            startStream(ex);
            for (String t : tokens) {
                write(ex, chunk(t));
            }
            server.sleepOrClose(Duration.ofMinutes(5));
        };
    }

    /** Streams the tokens, then a line that is not JSON. */
    public static Behaviour garbageAfter(List<String> tokens) {
        return (ex, server) -> {
            startStream(ex);
            for (String t : tokens) {
                write(ex, chunk(t));
            }
            write(ex, "data: {\"choices\": [ this is not json\n\n");
        };
    }

    /** Answers with an HTTP error status and body. */
    public static Behaviour status(int code, String body) {
        return (ex, server) -> {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            if (code == 429) {
                ex.getResponseHeaders().set("Retry-After", "20");
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(code, bytes.length);
            ex.getResponseBody().write(bytes);
        };
    }

    @Override
    public void close() {
        closing.countDown();
        http.stop(0);
        threads.shutdownNow();
    }

    public static List<String> words(String text) {
        return OfflineAssistant.tokens(text);
    }
}
