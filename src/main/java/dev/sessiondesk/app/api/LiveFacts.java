package dev.sessiondesk.app.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.WindowBinding;
import dev.sessiondesk.store.AppInstanceStore;
import dev.sessiondesk.store.StreamingRows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * "Is this session live?" for a reader that is not the app (P11): the app's heartbeat, which
 * sessions are open in which windows, and which replies are streaming with their last checkpoint.
 * A streaming row whose app has no fresh heartbeat and whose checkpoint is old is reported as not
 * live: it is what a crash left behind, and the next start will mark it interrupted.
 */
final class LiveFacts {
    /** The app beats every 5 s; three missed beats mean it is gone. */
    static final Duration HEARTBEAT_FRESH = Duration.ofSeconds(15);
    /** A streaming reply checkpoints at least every 250 ms while text arrives; 10 s of silence is suspect. */
    static final Duration CHECKPOINT_FRESH = Duration.ofSeconds(10);

    private final SessionDesk desk;
    private final StreamingRows streaming;
    private final Clock clock;

    LiveFacts(SessionDesk desk, Clock clock) {
        this.desk = desk;
        this.streaming = new StreamingRows(desk.store());
        this.clock = clock;
    }

    ObjectNode snapshot() {
        long now = clock.millis();
        ObjectNode body = CanonicalJson.MAPPER.createObjectNode();
        Optional<AppInstanceStore.Heartbeat> beat = desk.store().instance().current();
        boolean appLive = beat.map(h -> h.isFresh(now, HEARTBEAT_FRESH.toMillis())).orElse(false);
        if (beat.isPresent()) {
            AppInstanceStore.Heartbeat h = beat.get();
            body.putObject("app").put("pid", h.pid()).put("host", h.host()).put("version", h.appVersion())
                    .put("started_at", Instant.ofEpochMilli(h.startedAt()).toString())
                    .put("heartbeat_at", Instant.ofEpochMilli(h.heartbeatAt()).toString())
                    .put("live", appLive);
        } else {
            body.putNull("app");
        }
        ArrayNode windows = body.putArray("windows");
        ObjectNode open = body.putObject("open_sessions");
        for (WindowBinding w : desk.store().windows().openWindows()) {
            windows.addObject().put("window_id", w.windowId()).put("session_id", w.sessionId())
                    .put("focused", w.focused()).put("z_order", w.zOrder())
                    .put("updated_at", Instant.ofEpochMilli(w.updatedAt()).toString());
            if (w.sessionId() != null) {
                ArrayNode ids = open.has(w.sessionId()) ? (ArrayNode) open.get(w.sessionId()) : open.putArray(w.sessionId());
                ids.add(w.windowId());
            }
        }
        ArrayNode replies = body.putArray("streaming");
        for (StreamingRows.Row r : streaming.all()) {
            boolean ownedHere = desk.replies().activeReply(r.message().sessionId()).isPresent();
            boolean recent = now - r.checkpointedAt() <= CHECKPOINT_FRESH.toMillis();
            replies.addObject().put("session_id", r.message().sessionId()).put("seq", r.message().seq())
                    .put("checkpointed_at", Instant.ofEpochMilli(r.checkpointedAt()).toString())
                    .put("live", ownedHere || (appLive && recent));
        }
        return body;
    }
}
