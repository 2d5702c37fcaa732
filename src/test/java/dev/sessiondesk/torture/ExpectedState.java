package dev.sessiondesk.torture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.model.TitleSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * What the store must hold, folded from the child's acknowledged facts and, after every check, from
 * what the store was seen to hold (a committed but unacknowledged write is durable from then on, so it
 * becomes part of what must never be lost or changed).
 */
final class ExpectedState {
    record ExpectedMessage(String canonical, String hash) {
    }

    /** A reply whose start (and maybe some checkpoints) was acknowledged but whose end was not. */
    record PendingStream(String sessionId, int seq, String full, String lastText) {
    }

    record ExpectedWindow(String sessionId, int fpCount, String fpHead, double x, double y, double width,
                          double height) {
    }

    record ExpectedTitle(String title, TitleSource source) {
    }

    /** The operation that had been announced but not acknowledged when the child was killed. */
    record InFlight(String kind, String sessionId, String windowId) {
        boolean touchesSession(String id, String... kinds) {
            return id.equals(sessionId) && List.of(kinds).contains(kind);
        }

        boolean touchesWindow(String id) {
            return id.equals(windowId);
        }
    }

    final Map<String, Map<Integer, ExpectedMessage>> messages = new HashMap<>();
    final Map<String, PendingStream> streams = new HashMap<>();
    final Set<String> sessions = new HashSet<>();
    final Map<String, ExpectedWindow> windows = new TreeMap<>();
    final Map<String, Long> drafts = new TreeMap<>();
    final Map<String, ExpectedTitle> titles = new HashMap<>();
    final Set<String> trashed = new HashSet<>();
    String active;
    long acknowledgedOperations;
    long acknowledgedMessages;
    final List<String> foldProblems = new ArrayList<>();
    private final Map<String, BiConsumer<JsonNode, ExpectedState>> extraFacts = new HashMap<>();
    private JsonNode openIntent;

    /** Teaches the state a fact type of a later operation kind (import, backup…). */
    void register(String factType, BiConsumer<JsonNode, ExpectedState> fold) {
        extraFacts.put(factType, fold);
    }

    /**
     * Forgets what the store had to hold: a completed restore replaced it with a backup, whose
     * contents the caller adopts next (the counters of what was acknowledged keep counting).
     */
    void forgetStoreContents() {
        messages.clear();
        streams.clear();
        sessions.clear();
        windows.clear();
        drafts.clear();
        titles.clear();
        trashed.clear();
        active = null;
    }

    static String key(String sessionId, int seq) {
        return sessionId + "#" + seq;
    }

    /** Folds one child run's acknowledged facts; returns the operation left in flight, if any. */
    InFlight foldRun(List<JsonNode> facts) {
        openIntent = null;
        for (JsonNode f : facts) {
            fold(f);
        }
        if (openIntent == null) {
            return null;
        }
        return new InFlight(openIntent.path("kind").asText(), text(openIntent, "s"), text(openIntent, "w"));
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    void fold(JsonNode f) {
        String type = f.path("t").asText();
        if (type.equals("intent")) {
            openIntent = f;
            return;
        }
        if (f.path("end").asBoolean(false)) {
            acknowledgedOperations++;
            if (openIntent != null && openIntent.path("op").asLong() == f.path("op").asLong()) {
                openIntent = null;
            }
        }
        String s = text(f, "s");
        switch (type) {
            case "start" -> { }
            case "msg" -> message(f);
            case "msgs" -> f.path("items").forEach(this::message);
            case "stream" -> streams.put(key(s, f.path("seq").asInt()),
                    new PendingStream(s, f.path("seq").asInt(), f.path("full").asText(), f.path("text").asText()));
            case "ckpt" -> streams.computeIfPresent(key(s, f.path("seq").asInt()),
                    (k, p) -> new PendingStream(p.sessionId(), p.seq(), p.full(), f.path("text").asText()));
            case "window" -> windows.put(f.path("w").asText(), new ExpectedWindow(s, f.path("fpCount").asInt(),
                    f.path("fpHead").asText(), f.path("x").asDouble(), f.path("y").asDouble(),
                    f.path("width").asDouble(), f.path("height").asDouble()));
            case "draft" -> drafts.put(f.path("w").asText(), f.path("n").asLong());
            case "title" -> titles.put(s, new ExpectedTitle(f.path("title").asText(), TitleSource.USER));
            case "autoTitle" -> autoTitle(f, s);
            case "active" -> active = s;
            case "trash" -> {
                trashed.add(s);
                if (s.equals(active)) {
                    active = null;
                }
            }
            case "restore" -> trashed.remove(s);
            case "fork" -> {
                sessions.add(s);
                titles.remove(s); // "<parent title> (fork)": adopted when seen
            }
            case "session" -> {
                sessions.add(s);
                titles.put(s, new ExpectedTitle("", TitleSource.NONE));
            }
            default -> {
                BiConsumer<JsonNode, ExpectedState> extra = extraFacts.get(type);
                if (extra == null) {
                    throw new IllegalArgumentException("the ack log has a fact this checker does not know: " + f);
                }
                extra.accept(f, this);
            }
        }
    }

    void message(JsonNode f) {
        String s = f.path("s").asText();
        int seq = f.path("seq").asInt();
        messages.computeIfAbsent(s, k -> new TreeMap<>())
                .put(seq, new ExpectedMessage(f.path("canon").asText(), f.path("hash").asText()));
        streams.remove(key(s, seq));
        acknowledgedMessages++;
    }

    private void autoTitle(JsonNode f, String s) {
        boolean written = f.path("written").asBoolean();
        TitleSource expected = TitleSource.fromWire(f.path("expected").asText());
        ExpectedTitle known = titles.get(s);
        if (written) {
            if (known != null && known.source() == TitleSource.USER) {
                foldProblems.add("an automatic title overwrote the user's title of session " + s + ": " + f);
            }
            titles.put(s, new ExpectedTitle(f.path("title").asText(), TitleSource.AUTO));
        } else if (known != null && known.source() == expected && expected != TitleSource.USER) {
            foldProblems.add("an automatic title was refused although the title source was still " + expected
                    + " in session " + s + ": " + f);
        }
    }
}
