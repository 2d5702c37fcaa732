package dev.sessiondesk.app.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.assistant.AssistantException.Kind;
import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.app.text.Wording;
import dev.sessiondesk.model.CanonicalJson;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A client for the OpenAI chat-completions API with streaming ({@code "stream": true}, server-sent
 * events), which Ollama, LM Studio, the llama.cpp server, vLLM and OpenAI all speak. It uses only the
 * JDK's {@link HttpClient}.
 *
 * <p>Two clocks guard a reply: {@code firstByteTimeout} until the response headers arrive (a local
 * server may need a while to load a model), then {@code idleTimeout} between any two lines of the
 * stream (a stalled server is cut off instead of leaving the reply hanging); {@link StreamLimits} bound
 * one line, the reply's text and its whole time. The API key goes only
 * into the {@code Authorization} header: never into messages, logs or {@link #describe()}.
 */
public final class OpenAiCompatibleAssistant implements Assistant {
    private static final int ERROR_BODY_LIMIT = 4096;

    private final URI endpoint;
    private final String shownAddress;
    private final String model;
    private final String apiKey;
    private final Duration firstByteTimeout;
    private final Duration idleTimeout;
    private final HttpClient http;
    private final String systemPrompt;
    private final StreamLimits limits;
    private static final int MAX_REDIRECTS = 5;

    public OpenAiCompatibleAssistant(AssistantSettings settings) {
        this(settings, "");
    }

    /** @param systemPrompt sent first as the {@code system} message of every request; empty: none */
    public OpenAiCompatibleAssistant(AssistantSettings settings, String systemPrompt) {
        this(settings, systemPrompt, StreamLimits.DEFAULT);
    }

    /** @param limits the longest line, text and time one reply may take (tests pass small ones) */
    OpenAiCompatibleAssistant(AssistantSettings settings, String systemPrompt, StreamLimits limits) {
        this.limits = limits;
        this.systemPrompt = systemPrompt == null ? "" : systemPrompt;
        this.endpoint = chatCompletionsUri(settings.endpoint());
        this.shownAddress = shownAddress(settings.endpoint());
        this.model = settings.model();
        this.apiKey = settings.apiKey();
        this.firstByteTimeout = settings.firstByteTimeout();
        this.idleTimeout = settings.idleTimeout();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // local servers rarely speak h2c; upgrades confuse some
                .connectTimeout(settings.connectTimeout())
                // NORMAL would forward the Authorization header (and the conversation) to any host a
                // redirect names; same-origin redirects are followed by hand in streamReply.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** {@code http://host/v1} → {@code http://host/v1/chat/completions}; a full endpoint URL is kept. */
    static URI chatCompletionsUri(String baseUrl) {
        String base = baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (!base.endsWith("/chat/completions")) {
            base = base + "/chat/completions";
        }
        URI uri = URI.create(base);
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("the assistant endpoint must be an http:// or https:// URL, not \""
                    + shownAddress(baseUrl) + "\"");
        }
        return uri;
    }

    /** The address without user info or query (either may carry a secret). */
    static String shownAddress(String baseUrl) {
        try {
            URI u = URI.create(baseUrl.strip());
            if (u.getScheme() == null || u.getHost() == null) {
                return baseUrl.strip().replaceAll("[?#].*", "");
            }
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
                    + (u.getRawPath() == null ? "" : u.getRawPath());
        } catch (IllegalArgumentException e) {
            return "(an invalid address)";
        }
    }

    @Override
    public String describe() {
        return Wording.english().say(describeText());
    }

    @Override
    public UserText describeText() {
        return model.isBlank() ? UserText.of("assistant", "describe", shownAddress)
                : UserText.of("assistant", "describe.model", shownAddress, model);
    }

    private UserText who() {
        return UserText.of("assistant", "who", shownAddress);
    }

    @Override
    public void streamReply(List<ChatTurn> conversation, DeltaSink sink, Cancellation cancellation)
            throws AssistantException {
        URI target = endpoint;
        for (int hop = 0; ; hop++) {
            URI next = streamFrom(target, conversation, sink, cancellation);
            if (next == null) {
                return;
            }
            if (hop >= MAX_REDIRECTS) {
                throw new AssistantException(Kind.HTTP_ERROR, UserText.of("assistant", "redirect.tooMany", who(), MAX_REDIRECTS), null);
            }
            target = next;
        }
    }

    /** Streams from {@code target}; returns where a same-origin redirect points, or null when done. */
    private URI streamFrom(URI target, List<ChatTurn> conversation, DeltaSink sink, Cancellation cancellation)
            throws AssistantException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(ChatCompletionsRequest.body(model, systemPrompt, conversation), StandardCharsets.UTF_8));
        if (!apiKey.isEmpty()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        ResponseLines response = new ResponseLines(limits.maxLineChars());
        CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(request.build(), response.handler());
        exchange.whenComplete((r, e) -> {
            if (e != null) {
                response.exchangeFailed(e);
            }
        });
        cancellation.onCancel(() -> {
            response.cancel();
            exchange.cancel(true);
        });
        try {
            return read(target, response, sink);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssistantException(Kind.IO, "the reply from " + describe() + " was interrupted", e);
        } finally {
            response.cancel(); // after [DONE] or a failure: release the connection
        }
    }

    private URI read(URI target, ResponseLines response, DeltaSink sink) throws AssistantException, InterruptedException {
        ResponseLines.Event first = response.next(firstByteTimeout);
        if (first == null) {
            throw new AssistantException(Kind.TIMEOUT, UserText.of("assistant", "firstByte.timeout", who(),
                    seconds(firstByteTimeout)), null);
        }
        if (first instanceof ResponseLines.Cancelled) {
            return null;
        }
        if (first instanceof ResponseLines.Failed failed) {
            throw connectionError(failed.cause());
        }
        HttpResponse.ResponseInfo info = ((ResponseLines.Headers) first).info();
        int status = info.statusCode();
        String contentType = info.headers().firstValue("Content-Type").orElse("");
        if (status == 301 || status == 302 || status == 307 || status == 308) {
            return SameOriginRedirect.target(who(), target, info.headers().firstValue("Location").orElse(null), status);
        }
        if (status / 100 != 2) {
            String body = collect(response, ERROR_BODY_LIMIT);
            throw statusError(status, info, body == null ? "" : body);
        }
        if (contentType.startsWith("application/json")) {
            String whole = collect(response, limits.maxLineChars()); // a server that ignores "stream": true
            if (whole == null || whole.length() >= limits.maxLineChars()) {
                throw new AssistantException(Kind.TOO_LONG, UserText.of("assistant", "json.tooLong", who(),
                        StreamLimits.size(limits.maxLineChars())), null);
            }
            if (!response.cancelled()) {
                readWholeReply(whole, sink);
            }
            return null;
        }
        new SseReplyReader(who(), idleTimeout, limits, this::serverMessage).read(response, sink);
        return null;
    }


    /**
     * The rest of the body as text, or what arrived before a stall or Stop; reading stops at
     * {@code limit} characters (a body that never ends cannot hold the reply, or the memory, forever).
     * Null when one line of it was longer than the line limit.
     */
    private String collect(ResponseLines response, int limit) throws InterruptedException {
        StringBuilder body = new StringBuilder();
        while (body.length() < limit) {
            ResponseLines.Event e = response.next(idleTimeout);
            if (e instanceof ResponseLines.Failed f && f.cause() instanceof SseLines.LineTooLong) {
                return null;
            }
            if (e == null || e instanceof ResponseLines.End || e instanceof ResponseLines.Failed
                    || e instanceof ResponseLines.Cancelled) {
                return body.toString();
            }
            if (e instanceof ResponseLines.Line line) {
                body.append(line.text()).append('\n');
            }
        }
        return body.toString();
    }

    private AssistantException connectionError(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new AssistantException(Kind.TIMEOUT, UserText.of("assistant", "connect.timeout", shownAddress,
                    seconds(http.connectTimeout().orElse(Duration.ZERO))), cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new AssistantException(Kind.TIMEOUT, UserText.of("assistant", "answer.timeout", shownAddress), cause);
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return new AssistantException(Kind.UNREACHABLE, UserText.of("assistant", "unknownHost", shownAddress,
                        endpoint.getHost()), cause);
            }
        }
        if (cause instanceof ConnectException) {
            return new AssistantException(Kind.REFUSED, UserText.of("assistant", "refused", shownAddress), cause);
        }
        return new AssistantException(Kind.IO, UserText.of("assistant", "unreachable", shownAddress, describe(cause)), cause);
    }

    private AssistantException statusError(int status, HttpResponse.ResponseInfo response, String body) {
        String detail = serverMessage(body);
        String suffix = detail.isEmpty() ? "" : ": " + detail;
        return switch (status) {
            case 401, 403 -> new AssistantException(Kind.UNAUTHORIZED,
                    UserText.of("assistant", "http.unauthorized", shownAddress, status, suffix), null);
            case 429 -> new AssistantException(Kind.RATE_LIMITED, UserText.of("assistant", "http.rateLimited", shownAddress,
                    response.headers().firstValue("Retry-After").map(s -> UserText.of("assistant", "http.retryAfter", s))
                            .orElse(UserText.plain("")), suffix), null);
            case 404 -> new AssistantException(Kind.HTTP_ERROR, UserText.of("assistant", "http.notFound", shownAddress,
                    shownAddress(endpoint.toString()), suffix), null);
            default -> new AssistantException(Kind.HTTP_ERROR, UserText.of("assistant", "http.other", shownAddress, status,
                    suffix), null);
        };
    }

    /** The server's own error text ({"error":{"message":…}} or plain text), short and without the key. */
    private String serverMessage(String body) {
        String text = body.strip();
        try {
            JsonNode json = CanonicalJson.MAPPER.readTree(text);
            JsonNode error = json.path("error");
            if (error.isTextual()) {
                text = error.asText();
            } else if (error.path("message").isTextual()) {
                text = error.path("message").asText();
            } else if (json.path("message").isTextual()) {
                text = json.path("message").asText();
            }
        } catch (JsonProcessingException e) {
            // not JSON: keep the plain text
        }
        text = text.replaceAll("\\s+", " ").strip();
        if (!apiKey.isEmpty()) {
            text = text.replace(apiKey, "[key]");
        }
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private void readWholeReply(String text, DeltaSink sink) throws AssistantException {
        try {
            JsonNode content = CanonicalJson.MAPPER.readTree(text).path("choices").path(0).path("message").path("content");
            if (!content.isTextual()) {
                throw malformed(1, UserText.of("assistant", "json.noContent"));
            }
            sink.delta(content.asText());
        } catch (JsonProcessingException e) {
            throw malformed(1, UserText.of("assistant", "json.notJson", e.getOriginalMessage()));
        }
    }

    private AssistantException malformed(int lineNo, UserText what) {
        return SseReplyReader.malformed(who(), lineNo, what);
    }

    private static String seconds(Duration d) {
        return SseReplyReader.seconds(d);
    }

    private static String describe(Throwable e) {
        return SseReplyReader.describe(e);
    }
}
