package dev.sessiondesk.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.model.CanonicalJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer side of one request on a connection: a whole response ({@link #send}) or an event
 * stream that owns the connection until it ends ({@link #openEventStream}).
 */
public final class HttpExchange {
    private final HttpRequest request;
    private final Socket socket;
    private final OutputStream out;
    private final boolean keepAlive;
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();
    private boolean answered;
    private int status;
    private EventStream stream;

    HttpExchange(HttpRequest request, Socket socket, OutputStream out, boolean keepAlive) {
        this.request = request;
        this.socket = socket;
        this.out = out;
        this.keepAlive = keepAlive;
    }

    public HttpRequest request() {
        return request;
    }

    /** A header every answer to this request carries (CORS, ETag, …). */
    public void header(String name, String value) {
        extraHeaders.put(name, value);
    }

    public boolean answered() {
        return answered;
    }

    int status() {
        return status;
    }

    boolean keepsConnection() {
        return keepAlive && stream == null;
    }

    public void send(int status, String contentType, byte[] body) throws IOException {
        if (answered) {
            throw new IllegalStateException("this request was already answered");
        }
        answered = true;
        this.status = status;
        StringBuilder head = statusLine(status);
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n");
        head.append(keepAlive ? "" : "Connection: close\r\n").append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!"HEAD".equals(request.method())) {
            out.write(body);
        }
        out.flush();
    }

    public void sendText(int status, String text) throws IOException {
        send(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public void sendJson(int status, JsonNode json) throws IOException {
        try {
            send(status, "application/json", CanonicalJson.MAPPER.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IOException("cannot write the JSON answer", e);
        }
    }

    /** A JSON error body in goose's ErrorResponse shape: {@code {"message": "..."}}. */
    public void sendError(int status, String message) throws IOException {
        sendJson(status, CanonicalJson.MAPPER.createObjectNode().put("message", message));
    }

    public void sendEmpty(int status) throws IOException {
        send(status, null, new byte[0]);
    }

    /**
     * Starts a {@code text/event-stream} answer. The body ends when the connection closes (no
     * length, no chunking), so the stream owns the connection from here on.
     */
    public EventStream openEventStream(int queueCapacity, String label) throws IOException {
        if (answered) {
            throw new IllegalStateException("this request was already answered");
        }
        answered = true;
        status = 200;
        StringBuilder head = statusLine(200);
        head.append("Content-Type: text/event-stream; charset=utf-8\r\n")
                .append("Cache-Control: no-cache\r\n")
                .append("X-Accel-Buffering: no\r\n")
                .append("Connection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        stream = new EventStream(socket, out, request.remote().getHostAddress() + ":" + socket.getPort(), label,
                queueCapacity);
        return stream;
    }

    EventStream stream() {
        return stream;
    }

    private StringBuilder statusLine(int status) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        head.append("X-Content-Type-Options: nosniff\r\n");
        for (Map.Entry<String, String> h : extraHeaders.entrySet()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        return head;
    }

    static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 204 -> "No Content";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Server Error" : "Status";
        };
    }
}
