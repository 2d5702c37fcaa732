package dev.sessiondesk.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** What the route classes share: splitting paths, checking ids, reading JSON bodies, finding sessions. */
final class RouteSupport {
    /** Session ids as SessionDesk and goose make them; nothing that could name another path. */
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_:.-]{0,127}");

    private RouteSupport() {
    }

    /** The decoded path segments; an empty list for {@code /}. */
    static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                out.add(HttpRequest.decode(s));
            }
        }
        return out;
    }

    static boolean validSessionId(String id) {
        return SESSION_ID.matcher(id).matches() && !id.contains("..");
    }

    /**
     * The session a path names, or empty after answering: 400 for an id that is not an id (an
     * attempt at {@code ../}), 404 for an unknown or trashed one.
     */
    static Optional<Session> session(HttpExchange ex, Store store, String id) throws IOException {
        if (!validSessionId(id)) {
            ex.sendError(400, "not a session id: ids are letters, digits and - _ : . (up to 128)");
            return Optional.empty();
        }
        Optional<Session> s = store.sessions().get(id).filter(x -> !x.inTrash());
        if (s.isEmpty()) {
            ex.sendError(404, "no session " + id);
        }
        return s;
    }

    /** The body as a JSON object, or null after answering 400 with what is wrong. */
    static JsonNode jsonBody(HttpExchange ex) throws IOException {
        String text = ex.request().bodyText();
        if (text.isBlank()) {
            ex.sendError(400, "the request needs a JSON body");
            return null;
        }
        try {
            JsonNode node = CanonicalJson.MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                ex.sendError(400, "the body must be a JSON object");
                return null;
            }
            return node;
        } catch (JsonProcessingException e) {
            ex.sendError(400, "the body is not valid JSON: " + e.getOriginalMessage());
            return null;
        }
    }

    static void methodNotAllowed(HttpExchange ex, String allowed) throws IOException {
        ex.header("Allow", allowed);
        ex.sendError(405, ex.request().method() + " is not supported here (use " + allowed + ")");
    }

    static int intParam(String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Math.max(min, Math.min(max, Integer.parseInt(value.strip())));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
