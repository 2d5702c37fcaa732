package dev.sessiondesk.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.SessionExporter;
import dev.sessiondesk.app.assistant.ReplyListener;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.GooseMessages;
import dev.sessiondesk.model.MalformedMessageException;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.SessionQuery;
import dev.sessiondesk.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The routes goose-server 1.34 has, with its request and answer shapes (ui/desktop/openapi.json):
 * {@code /status}, {@code /sessions}, {@code /sessions/insights}, {@code /sessions/{id}},
 * {@code /sessions/{id}/export}, {@code /sessions/{id}/name}, {@code /sessions/{id}/events} and
 * {@code /sessions/{id}/reply}.
 */
final class GooseRoutes {
    static final int MAX_NAME = 200; // goose: "Name too long (max 200 characters)"

    private final SessionDesk desk;
    private final SessionEventHub hub;
    private final PhoneReplies replies;
    private final ApiOptions options;
    private final ListCache list;

    GooseRoutes(SessionDesk desk, SessionEventHub hub, PhoneReplies replies, ApiOptions options, ListCache list) {
        this.list = list;
        this.desk = desk;
        this.hub = hub;
        this.replies = replies;
        this.options = options;
    }

    /** Answers when the path is one of goose's; false otherwise. */
    boolean handle(HttpExchange ex, List<String> path) throws IOException {
        String method = ex.request().method();
        if (path.size() == 1 && path.get(0).equals("status")) {
            ex.sendText(200, "ok");
            return true;
        }
        if (path.isEmpty() || !path.get(0).equals("sessions")) {
            return false;
        }
        if (path.size() == 1) {
            if (!method.equals("GET")) {
                RouteSupport.methodNotAllowed(ex, "GET");
            } else {
                listSessions(ex);
            }
            return true;
        }
        if (path.size() == 2 && path.get(1).equals("insights")) {
            ex.sendJson(200, GooseJson.insights(desk.store().sessions().count(false)));
            return true;
        }
        Optional<Session> session = RouteSupport.session(ex, desk.store(), path.get(1));
        if (session.isEmpty()) {
            return true;
        }
        String id = session.get().id();
        String tail = path.size() == 2 ? "" : String.join("/", path.subList(2, path.size()));
        switch (tail) {
            case "" -> {
                switch (method) {
                    case "GET" -> ex.sendJson(200, GooseJson.session(session.get(), desk.store().messages().list(id)));
                    case "DELETE" -> {
                        desk.sessions().trash(id); // to the Trash, as Delete in the app: it can be restored
                        list.invalidate();
                        ex.sendEmpty(200);
                    }
                    default -> RouteSupport.methodNotAllowed(ex, "GET, DELETE");
                }
            }
            case "export" -> {
                if (!method.equals("GET")) {
                    RouteSupport.methodNotAllowed(ex, "GET");
                } else {
                    ex.send(200, "text/plain; charset=utf-8",
                            desk.exporter().export(id, SessionExporter.Format.JSON).getBytes(StandardCharsets.UTF_8));
                }
            }
            case "name" -> {
                if (!method.equals("PUT")) {
                    RouteSupport.methodNotAllowed(ex, "PUT");
                } else {
                    rename(ex, id);
                }
            }
            case "events" -> {
                if (!method.equals("GET")) {
                    RouteSupport.methodNotAllowed(ex, "GET");
                } else {
                    events(ex, id);
                }
            }
            case "reply" -> {
                if (!method.equals("POST")) {
                    RouteSupport.methodNotAllowed(ex, "POST");
                } else {
                    reply(ex, id);
                }
            }
            default -> ex.sendError(404, "no such route: " + ex.request().path());
        }
        return true;
    }

    private void listSessions(HttpExchange ex) throws IOException {
        ex.send(200, "application/json", list.get(() -> {
            ObjectNode body = CanonicalJson.MAPPER.createObjectNode();
            ArrayNode sessions = body.putArray("sessions");
            for (Session s : desk.sessions().list(SessionQuery.all())) {
                sessions.add(GooseJson.session(s, null));
            }
            return GooseJson.write(body).getBytes(StandardCharsets.UTF_8);
        }));
    }

    private void rename(HttpExchange ex, String id) throws IOException {
        JsonNode body = RouteSupport.jsonBody(ex);
        if (body == null) {
            return;
        }
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual() || name.textValue().isBlank()) {
            ex.sendError(400, "\"name\" must be a non-empty string");
            return;
        }
        if (name.textValue().length() > MAX_NAME) {
            ex.sendError(400, "Name too long (max " + MAX_NAME + " characters)");
            return;
        }
        desk.sessions().rename(id, name.textValue().strip());
        list.invalidate();
        ex.sendEmpty(200);
    }

    private void events(HttpExchange ex, String id) throws IOException {
        Long lastEventId = lastEventId(ex.request());
        EventStream stream = ex.openEventStream(options.eventQueue(), "session " + id);
        try {
            hub.subscribe(id, stream, lastEventId, replies.activeRequests(id));
            stream.pump(GooseJson.PING, options.pingEvery());
        } finally {
            hub.unsubscribe(id, stream);
            stream.close();
        }
    }

    /** {@code Last-Event-ID} (what EventSource sends on a reconnect), else {@code ?since=N}. */
    static Long lastEventId(HttpRequest req) {
        String v = req.header("last-event-id").orElse(req.query().get("since"));
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** goose's SessionReplyRequest: {@code {request_id, user_message}}; the reply arrives on /events. */
    private void reply(HttpExchange ex, String id) throws IOException {
        JsonNode body = RouteSupport.jsonBody(ex);
        if (body == null) {
            return;
        }
        JsonNode requestId = body.get("request_id");
        if (requestId == null || !requestId.isTextual() || requestId.textValue().isBlank()) {
            ex.sendError(400, "\"request_id\" must be a non-empty string");
            return;
        }
        NewMessage message = userMessage(ex, body);
        if (message == null) {
            return;
        }
        try {
            replies.start(id, message, requestId.textValue(), ReplyListener.NONE);
            list.invalidate();
        } catch (PhoneReplies.Busy e) {
            ex.sendError(409, e.getMessage());
            return;
        } catch (StoreException e) {
            ex.sendError(503, "your message was not saved: " + e.getMessage());
            return;
        }
        ex.sendJson(200, CanonicalJson.MAPPER.createObjectNode().put("request_id", requestId.textValue()));
    }

    /** The {@code user_message} of a reply request as a message to store, or null after a 400. */
    static NewMessage userMessage(HttpExchange ex, JsonNode body) throws IOException {
        JsonNode m = body.get("user_message");
        if (m == null || !m.isObject()) {
            ex.sendError(400, "\"user_message\" must be a goose Message object");
            return null;
        }
        NewMessage parsed;
        try {
            parsed = GooseMessages.fromJson(m);
        } catch (MalformedMessageException e) {
            ex.sendError(400, "user_message: " + e.getMessage());
            return null;
        }
        if (!"user".equals(parsed.role().wire())) {
            ex.sendError(400, "user_message.role must be \"user\"");
            return null;
        }
        if (parsed.contentJson().equals("[]")) {
            ex.sendError(400, "user_message.content is empty");
            return null;
        }
        return parsed;
    }
}
