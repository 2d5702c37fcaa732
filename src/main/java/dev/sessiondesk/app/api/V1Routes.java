package dev.sessiondesk.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.assistant.ReplyListener;
import dev.sessiondesk.app.assistant.ReplyOutcome;
import dev.sessiondesk.app.search.SearchHit;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.SessionQuery;
import dev.sessiondesk.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * SessionDesk's own routes under {@code /api/v1}: sessions with cursor paging and ETags, messages
 * since a seq, search, what is live (see {@link LiveFacts}), and a reply that streams straight back.
 */
final class V1Routes {
    /** The store's own list order: pinned first, then most recent activity, then id. */
    static final Comparator<Session> ORDER = Comparator.comparing(Session::pinned).reversed()
            .thenComparing(Comparator.comparingLong(Session::lastActivity).reversed())
            .thenComparing(Comparator.comparing(Session::id).reversed());

    private final SessionDesk desk;
    private final PhoneReplies replies;
    private final LiveFacts live;
    private final ApiOptions options;

    V1Routes(SessionDesk desk, PhoneReplies replies, LiveFacts live, ApiOptions options) {
        this.desk = desk;
        this.replies = replies;
        this.live = live;
        this.options = options;
    }

    boolean handle(HttpExchange ex, List<String> path) throws IOException {
        if (path.size() < 3 || !path.get(0).equals("api") || !path.get(1).equals("v1")) {
            return false;
        }
        List<String> p = path.subList(2, path.size());
        String method = ex.request().method();
        boolean get = method.equals("GET");
        if (p.size() == 1 && p.get(0).equals("sessions") && get) {
            sessions(ex);
        } else if (p.size() == 1 && p.get(0).equals("search") && get) {
            search(ex);
        } else if (p.size() == 1 && p.get(0).equals("live") && get) {
            ex.sendJson(200, live.snapshot());
        } else if (p.size() == 3 && p.get(0).equals("sessions") && p.get(2).equals("messages") && get) {
            Optional<Session> s = RouteSupport.session(ex, desk.store(), p.get(1));
            if (s.isPresent()) {
                messages(ex, s.get());
            }
        } else if (p.size() == 3 && p.get(0).equals("sessions") && p.get(2).equals("reply") && method.equals("POST")) {
            Optional<Session> s = RouteSupport.session(ex, desk.store(), p.get(1));
            if (s.isPresent()) {
                streamReply(ex, s.get().id());
            }
        } else {
            ex.sendError(404, "no such route: " + method + " " + ex.request().path());
        }
        return true;
    }

    private void sessions(HttpExchange ex) throws IOException {
        int limit = RouteSupport.intParam(ex.request().query().get("limit"), 50, 1, 500);
        String cursor = ex.request().query().get("cursor");
        List<Session> all = desk.sessions().list(SessionQuery.all()).stream().sorted(ORDER).toList();
        int from = 0;
        if (cursor != null && !cursor.isBlank()) {
            Session after = decodeCursor(cursor);
            if (after == null) {
                ex.sendError(400, "not a cursor from this API: " + cursor);
                return;
            }
            while (from < all.size() && ORDER.compare(all.get(from), after) <= 0) {
                from++;
            }
        }
        List<Session> page = all.subList(from, Math.min(all.size(), from + limit));
        ObjectNode body = CanonicalJson.MAPPER.createObjectNode();
        ArrayNode items = body.putArray("sessions");
        for (Session s : page) {
            ObjectNode n = GooseJson.session(s, null);
            n.put("pinned", s.pinned());
            n.put("last_activity", java.time.Instant.ofEpochMilli(s.lastActivity()).toString());
            n.put("head_hash", s.headHash());
            items.add(n);
        }
        boolean more = from + limit < all.size();
        if (more) {
            body.put("next_cursor", encodeCursor(page.get(page.size() - 1)));
        } else {
            body.putNull("next_cursor");
        }
        byte[] bytes = CanonicalJson.MAPPER.writeValueAsBytes(body);
        String etag = "\"" + sha256(bytes).substring(0, 32) + "\"";
        ex.header("ETag", etag);
        String ifNoneMatch = ex.request().header("if-none-match").orElse("");
        if (List.of(ifNoneMatch.split("\\s*,\\s*")).contains(etag)) {
            ex.sendEmpty(304);
            return;
        }
        ex.send(200, "application/json", bytes);
    }

    static String encodeCursor(Session s) {
        String key = (s.pinned() ? 1 : 0) + "|" + s.lastActivity() + "|" + s.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** A stand-in session carrying only the sort key the cursor names; null when it is not a cursor. */
    static Session decodeCursor(String cursor) {
        try {
            String[] k = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 3);
            if (k.length != 3) {
                return null;
            }
            return new Session(k[2], null, null, null, 0, 0, Long.parseLong(k[1]), 0, null, k[0].equals("1"),
                    null, null, null, null, null, null, false);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void messages(HttpExchange ex, Session s) throws IOException {
        int since = RouteSupport.intParam(ex.request().query().get("since"), 0, 0, Integer.MAX_VALUE);
        int limit = RouteSupport.intParam(ex.request().query().get("limit"), 200, 1, 1000);
        List<Message> list = desk.store().messages().list(s.id(), since + 1, limit);
        ObjectNode body = CanonicalJson.MAPPER.createObjectNode();
        body.put("session_id", s.id());
        body.put("finished_count", s.messageCount());
        ArrayNode items = body.putArray("messages");
        int last = since;
        for (Message m : list) {
            ObjectNode n = CanonicalJson.MAPPER.createObjectNode();
            n.put("seq", m.seq());
            n.put("state", m.state().wire());
            n.set("message", GooseJson.message(m));
            items.add(n);
            last = m.seq();
        }
        body.put("last_seq", last);
        ex.sendJson(200, body);
    }

    private void search(HttpExchange ex) throws IOException {
        String q = ex.request().query().get("q");
        if (q == null || q.isBlank()) {
            ex.sendError(400, "search needs ?q=words");
            return;
        }
        int limit = RouteSupport.intParam(ex.request().query().get("limit"), 20, 1, 100);
        ObjectNode body = CanonicalJson.MAPPER.createObjectNode();
        ArrayNode hits = body.putArray("hits");
        for (SearchHit h : desk.search().search(q, limit)) {
            hits.addObject().put("session_id", h.sessionId()).put("title", h.sessionTitle()).put("seq", h.seq())
                    .put("snippet", h.snippet("**", "**")).put("matching_messages", h.matchingMessages());
        }
        ex.sendJson(200, body);
    }

    /**
     * Our reply route: the same body as goose's {@code /sessions/{id}/reply}, but the answer is the
     * reply itself as SSE — the saved user message (id: its seq), text deltas as they arrive, the
     * finished reply (id: its seq), then {@code Finish} — and the stream ends.
     */
    private void streamReply(HttpExchange ex, String id) throws IOException {
        JsonNode body = RouteSupport.jsonBody(ex);
        if (body == null) {
            return;
        }
        NewMessage message = GooseRoutes.userMessage(ex, body);
        if (message == null) {
            return;
        }
        String requestId = body.path("request_id").asText("api-" + System.nanoTime());
        EventStream[] stream = new EventStream[1];
        Object gate = new Object();
        PhoneReplies.Started started;
        try {
            synchronized (gate) {
                started = replies.start(id, message, requestId, new ReplyListener() {
                    @Override
                    public void delta(String text) {
                        synchronized (gate) {
                            stream[0].offer(EventStream.frame(null, GooseJson.write(GooseJson.messageEvent(
                                    deltaMessage(id, text)))));
                        }
                    }

                    @Override
                    public void finished(ReplyOutcome outcome) {
                        synchronized (gate) {
                            if (outcome.reply() != null) {
                                desk.store().messages().get(id, outcome.reply().seq()).ifPresent(m -> offerWhole(stream[0], m));
                            }
                            if (outcome.error() != null) {
                                stream[0].offer(EventStream.frame(null, GooseJson.write(GooseJson.errorEvent(outcome.error()))));
                            }
                            stream[0].offer(EventStream.frame(null, GooseJson.write(GooseJson.finishEvent(
                                    outcome.state().name().toLowerCase(java.util.Locale.ROOT)))));
                            stream[0].endAfterQueued();
                        }
                    }
                });
                stream[0] = ex.openEventStream(options.eventQueue(), "reply in session " + id);
                desk.store().messages().get(id, started.userMessage().seq()).ifPresent(m -> offerWhole(stream[0], m));
            }
        } catch (PhoneReplies.Busy e) {
            ex.sendError(409, e.getMessage());
            return;
        } catch (StoreException e) {
            ex.sendError(503, "your message was not saved: " + e.getMessage());
            return;
        }
        stream[0].pump(GooseJson.PING, options.pingEvery());
    }

    private static void offerWhole(EventStream stream, Message m) {
        stream.offer(EventStream.frame((long) m.seq(), GooseJson.write(GooseJson.messageEvent(GooseJson.message(m)))));
    }

    private static ObjectNode deltaMessage(String sessionId, String text) {
        ObjectNode m = CanonicalJson.MAPPER.createObjectNode();
        m.put("role", "assistant");
        m.put("created", java.time.Instant.now().getEpochSecond());
        m.putArray("content").add(dev.sessiondesk.model.ContentItems.textItem(text));
        m.putObject("metadata").put("userVisible", true).put("agentVisible", true);
        return m;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
