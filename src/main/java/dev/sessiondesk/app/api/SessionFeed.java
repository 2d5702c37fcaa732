package dev.sessiondesk.app.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.store.Store;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The live events of one session, shared by all its subscribers: after each change it reads what
 * is new in the store once and hands the same frames to every stream.
 *
 * <p>Event ids are message seqs: a finished message is sent once, whole, as {@code id: seq}. A
 * reply that is still streaming is sent as deltas of its text (goose's incremental {@code Message}
 * events, same message id) without an event id; its last piece carries {@code id: seq}, and a
 * {@code Finish} follows. So {@code Last-Event-ID: n} always means "I have everything up to seq n",
 * and a reconnect replays the finished messages after n and the streaming one from its start.
 */
final class SessionFeed {
    private static final int PAGE = 500;

    private final Store store;
    private final String sessionId;
    private final List<EventStream> subscribers = new CopyOnWriteArrayList<>();
    final AtomicBoolean dirty = new AtomicBoolean();
    private int lastFinished;
    private int streamingSeq = -1;
    private String streamingText = "";
    private Message streamingRow;

    SessionFeed(Store store, String sessionId, int finishedCount) {
        this.store = store;
        this.sessionId = sessionId;
        this.lastFinished = finishedCount;
    }

    String sessionId() {
        return sessionId;
    }

    synchronized boolean isEmpty() {
        return subscribers.isEmpty();
    }

    /** Adds a stream: first the position (or a replay after {@code lastEventId}), then live events. */
    synchronized void subscribe(EventStream stream, Long lastEventId, List<String> activeRequests) {
        String active = GooseJson.write(GooseJson.activeRequests(activeRequests));
        if (lastEventId == null || lastEventId >= lastFinished) {
            stream.offer(EventStream.frame((long) lastFinished, active));
        } else {
            stream.offer(EventStream.frame(null, active));
            int from = (int) Math.max(0, lastEventId) + 1;
            while (from <= lastFinished) {
                List<Message> page = store.messages().list(sessionId, from, Math.min(PAGE, lastFinished - from + 1));
                if (page.isEmpty()) {
                    break;
                }
                for (Message m : page) {
                    stream.offer(EventStream.frame((long) m.seq(), GooseJson.write(GooseJson.messageEvent(GooseJson.message(m)))));
                    from = m.seq() + 1;
                }
            }
        }
        if (streamingRow != null && !streamingText.isEmpty()) {
            stream.offer(EventStream.frame(null, delta(streamingRow, streamingText)));
        }
        subscribers.add(stream);
    }

    synchronized void unsubscribe(EventStream stream) {
        subscribers.remove(stream);
    }

    /** Reads what changed since the last refresh and sends it to every subscriber. */
    synchronized void refresh() {
        while (true) {
            List<Message> fresh = store.messages().list(sessionId, lastFinished + 1, PAGE);
            for (Message m : fresh) {
                if (m.state() == MessageState.STREAMING) {
                    streaming(m);
                    return; // nothing is stored after a streaming reply
                }
                finished(m);
            }
            if (fresh.size() < PAGE) {
                return;
            }
        }
    }

    private void streaming(Message m) {
        String text = ContentItems.plainText(m.contentJson());
        if (m.seq() != streamingSeq) {
            streamingSeq = m.seq();
            streamingText = "";
        }
        streamingRow = m;
        if (text.length() > streamingText.length() && text.startsWith(streamingText)) {
            emit(null, delta(m, text.substring(streamingText.length())));
            streamingText = text;
        }
    }

    private void finished(Message m) {
        if (m.seq() == streamingSeq) {
            String text = ContentItems.plainText(m.contentJson());
            String rest = text.startsWith(streamingText) ? text.substring(streamingText.length()) : "";
            emit((long) m.seq(), delta(m, rest));
            emit(null, GooseJson.write(GooseJson.finishEvent(m.state().wire().equals("complete") ? "stop" : m.state().wire())));
            streamingSeq = -1;
            streamingText = "";
            streamingRow = null;
        } else {
            emit((long) m.seq(), GooseJson.write(GooseJson.messageEvent(GooseJson.message(m))));
        }
        lastFinished = m.seq();
    }

    /** A piece of a streaming reply: the message with only the new text as its content. */
    private static String delta(Message m, String piece) {
        ObjectNode message = GooseJson.message(m);
        ArrayNode content = message.putArray("content");
        if (!piece.isEmpty()) {
            content.add(ContentItems.textItem(piece));
        }
        return GooseJson.write(GooseJson.messageEvent(message));
    }

    private void emit(Long id, String data) {
        String frame = EventStream.frame(id, data);
        for (EventStream s : subscribers) {
            if (!s.offer(frame)) {
                subscribers.remove(s);
            }
        }
    }
}
