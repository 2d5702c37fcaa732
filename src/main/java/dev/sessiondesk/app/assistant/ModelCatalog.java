package dev.sessiondesk.app.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.assistant.AssistantException.Kind;
import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.model.CanonicalJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The models an OpenAI-compatible endpoint offers ({@code GET …/v1/models}, answered by Ollama,
 * LM Studio, llama.cpp, vLLM and OpenAI alike). Blocks on the network: call it off the FX thread.
 * Redirects are not followed, so the API key never travels to another host.
 */
public final class ModelCatalog {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private ModelCatalog() {
    }

    /** {@code http://host/v1} or {@code http://host/v1/chat/completions} → {@code http://host/v1/models}. */
    static URI modelsUri(String endpoint) {
        String chat = OpenAiCompatibleAssistant.chatCompletionsUri(endpoint).toString();
        return URI.create(chat.substring(0, chat.length() - "/chat/completions".length()) + "/models");
    }

    /** The model ids, sorted as the server sent them. */
    public static List<String> list(AssistantSettings settings) throws AssistantException {
        if (settings.isOffline()) {
            throw new IllegalArgumentException("the offline demo assistant has no models to list");
        }
        UserText who = UserText.of("assistant", "who", OpenAiCompatibleAssistant.shownAddress(settings.endpoint()));
        URI uri = modelsUri(settings.endpoint());
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET()
                .header("Accept", "application/json");
        if (settings.hasApiKey()) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new AssistantException(Kind.TIMEOUT, UserText.of("assistant", "models.timeout", who), e);
        } catch (ConnectException e) {
            throw new AssistantException(Kind.REFUSED, UserText.of("assistant", "models.refused", who), e);
        } catch (IOException e) {
            throw new AssistantException(Kind.IO, UserText.of("assistant", "models.unreachable", who, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssistantException(Kind.IO, UserText.of("assistant", "models.interrupted", who), e);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new AssistantException(Kind.UNAUTHORIZED, UserText.of("assistant", "models.unauthorized", who, status), null);
        }
        if (status / 100 != 2) {
            throw new AssistantException(Kind.HTTP_ERROR, UserText.of("assistant", "models.http", who, status, uri.getPath()), null);
        }
        return parse(response.body(), UserText.of("assistant", "models.unreadable", who));
    }

    static List<String> parse(String body, UserText problem) throws AssistantException {
        JsonNode data;
        try {
            data = CanonicalJson.MAPPER.readTree(body).path("data");
        } catch (JsonProcessingException e) {
            throw new AssistantException(Kind.MALFORMED, UserText.of("assistant", "models.notJson", problem, e.getOriginalMessage()), null);
        }
        if (!data.isArray()) {
            throw new AssistantException(Kind.MALFORMED, UserText.of("assistant", "models.noData", problem), null);
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode model : data) {
            if (model.path("id").isTextual() && !model.path("id").asText().isBlank()) {
                ids.add(model.path("id").asText());
            }
        }
        return ids;
    }
}
