package dev.sessiondesk.torture;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.TitleSource;
import dev.sessiondesk.model.WindowBinding;
import dev.sessiondesk.store.StreamingMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The operation kinds over what the store and app layers offer today. */
final class StoreOperations {
    private StoreOperations() {
    }

    static List<TortureOperation> all() {
        return List.of(new Append(), new AppendAll(), new StreamingReply(), new WindowSwitch(), new WindowMove(),
                new DraftSave(), new Rename(), new AutoTitle(), new SetActive(), new Trash(), new Restore(),
                new Fork(), new NewSessionOp());
    }

    static ObjectNode messageFact(String sessionId, AppendResult r, NewMessage m) {
        ObjectNode f = AckLog.fact("msg");
        f.put("s", sessionId);
        f.put("seq", r.seq());
        f.put("canon", TortureText.canonical(m));
        f.put("hash", r.hash());
        return f;
    }

    static Role anyRole(ChildWorld w) {
        return w.random.nextBoolean() ? Role.USER : Role.ASSISTANT;
    }

    static final class Append implements TortureOperation {
        public String kind() {
            return "append";
        }

        public int weight() {
            return 25;
        }

        public void run(ChildWorld w) throws IOException {
            String s = w.anyLive();
            NewMessage m = TortureText.message(w.random, s, anyRole(w), "append");
            long op = w.acks.intent(kind(), s, null);
            AppendResult r = w.desk.sessions().append(s, m);
            w.acks.ack(op, messageFact(s, r, m), true);
        }
    }

    static final class AppendAll implements TortureOperation {
        public String kind() {
            return "appendAll";
        }

        public int weight() {
            return 6;
        }

        public void run(ChildWorld w) throws IOException {
            String s = w.anyLive();
            List<NewMessage> batch = new ArrayList<>();
            for (int i = 2 + w.random.nextInt(3); i > 0; i--) {
                batch.add(TortureText.message(w.random, s, anyRole(w), "batch"));
            }
            long op = w.acks.intent(kind(), s, null);
            List<AppendResult> results = w.desk.store().messages().appendAll(s, batch);
            ObjectNode f = AckLog.fact("msgs");
            ArrayNode items = f.putArray("items");
            for (int i = 0; i < batch.size(); i++) {
                items.add(messageFact(s, results.get(i), batch.get(i)));
            }
            w.acks.ack(op, f, true);
        }
    }

    /** An assistant reply that streams: begin, several checkpoints, then complete or stopped. */
    static final class StreamingReply implements TortureOperation {
        public String kind() {
            return "stream";
        }

        public int weight() {
            return 12;
        }

        public void run(ChildWorld w) throws IOException {
            String s = w.anyLive();
            String full = TortureText.tagged(s, "reply " + TortureText.words(w.random, 4 + w.random.nextInt(20)));
            int tagLength = TortureText.tagged(s, "").length();
            NewMessage initial = new NewMessage(w.random.nextBoolean() ? "reply_" + w.random.nextInt(1 << 20) : null,
                    Role.ASSISTANT, 1_700_000_000L + w.random.nextInt(1_000_000), textContent(full.substring(0, tagLength)),
                    true, w.random.nextInt(8) != 0);
            long op = w.acks.intent(kind(), s, null);
            StreamingMessage stream = w.desk.store().messages().beginStreaming(s, initial);
            ObjectNode begin = AckLog.fact("stream");
            begin.put("s", s);
            begin.put("seq", stream.seq());
            begin.put("full", full);
            begin.put("text", full.substring(0, tagLength));
            w.acks.ack(op, begin, false);
            int at = tagLength;
            int checkpoints = 1 + w.random.nextInt(6);
            for (int i = 0; i < checkpoints && at < full.length(); i++) {
                pause(w);
                at = Math.min(full.length(), at + 1 + w.random.nextInt(Math.max(1, (full.length() - tagLength) / 3)));
                if (at < full.length() && Character.isLowSurrogate(full.charAt(at))) {
                    at++; // tokens arrive as whole characters: never split an emoji's surrogate pair
                }
                String text = full.substring(0, at);
                if (!w.desk.store().messages().checkpoint(stream, textContent(text))) {
                    throw new IllegalStateException("checkpoint of session " + s + " found the reply no longer streaming");
                }
                ObjectNode ckpt = AckLog.fact("ckpt");
                ckpt.put("s", s);
                ckpt.put("seq", stream.seq());
                ckpt.put("text", text);
                w.acks.ack(op, ckpt, false);
            }
            pause(w);
            boolean stopped = w.random.nextInt(8) == 0;
            String finalText = stopped ? full.substring(0, at) : full;
            AppendResult r = w.desk.store().messages().finishStreaming(stream, textContent(finalText),
                    stopped ? MessageState.STOPPED : MessageState.COMPLETE);
            NewMessage finished = new NewMessage(initial.messageId(), initial.role(), initial.created(),
                    textContent(finalText), initial.userVisible(), initial.agentVisible());
            w.acks.ack(op, messageFact(s, new AppendResult(s, stream.seq(), r.hash()), finished), true);
        }

        private static String textContent(String text) {
            return ContentItems.textArray(text);
        }

        private static void pause(ChildWorld w) {
            try {
                Thread.sleep(w.random.nextInt(4)); // tokens arrive over time; gives the kill a window mid-reply
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static ObjectNode windowFact(WindowBinding b) {
        ObjectNode f = AckLog.fact("window");
        f.put("w", b.windowId());
        f.put("s", b.sessionId());
        f.put("fpCount", b.fingerprint().messageCount());
        f.put("fpHead", b.fingerprint().headHash());
        f.put("x", b.x());
        f.put("y", b.y());
        f.put("width", b.width());
        f.put("height", b.height());
        return f;
    }

    static WindowBinding bind(String windowId, String sessionId, Fingerprint fp, double x, double y, double width,
                              double height, int z) {
        return new WindowBinding(windowId, sessionId, x, y, width, height, false, z, true, fp, true, 0);
    }

    /** A window shows another session: the binding and that session's fingerprint are saved. */
    static final class WindowSwitch implements TortureOperation {
        public String kind() {
            return "window";
        }

        public int weight() {
            return 8;
        }

        public void run(ChildWorld w) throws IOException {
            String windowId = w.anyWindow();
            String s = w.anyLive();
            WindowBinding old = w.windows.get(windowId);
            Session session = w.desk.sessions().require(s);
            WindowBinding b = old == null
                    ? bind(windowId, s, session.fingerprint(), 40 * w.random.nextInt(10), 30 * w.random.nextInt(10), 800, 600,
                    w.random.nextInt(4))
                    : bind(windowId, s, session.fingerprint(), old.x(), old.y(), old.width(), old.height(), old.zOrder());
            long op = w.acks.intent(kind(), s, windowId);
            w.desk.store().windows().save(b);
            w.windows.put(windowId, b);
            w.acks.ack(op, windowFact(b), true);
        }
    }

    /** A window is moved or resized: bounds change, and the fingerprint of what it shows now is saved. */
    static final class WindowMove implements TortureOperation {
        public String kind() {
            return "window";
        }

        public int weight() {
            return 6;
        }

        public boolean applicable(ChildWorld w) {
            return !w.windows.isEmpty();
        }

        public void run(ChildWorld w) throws IOException {
            List<String> bound = new ArrayList<>(w.windows.keySet());
            bound.sort(null);
            String windowId = bound.get(w.random.nextInt(bound.size()));
            WindowBinding old = w.windows.get(windowId);
            Fingerprint fp = w.desk.sessions().require(old.sessionId()).fingerprint();
            WindowBinding b = bind(windowId, old.sessionId(), fp, w.random.nextInt(1600), w.random.nextInt(900),
                    300 + w.random.nextInt(900), 200 + w.random.nextInt(700), w.random.nextInt(4));
            long op = w.acks.intent(kind(), old.sessionId(), windowId);
            w.desk.store().windows().save(b);
            w.windows.put(windowId, b);
            w.acks.ack(op, windowFact(b), true);
        }
    }

    static final class DraftSave implements TortureOperation {
        public String kind() {
            return "draft";
        }

        public int weight() {
            return 12;
        }

        public void run(ChildWorld w) throws IOException {
            String windowId = w.anyWindow();
            long n = Math.max(0, w.draftNumbers.getOrDefault(windowId, 0L)) + 1;
            long op = w.acks.intent(kind(), null, windowId);
            w.desk.store().drafts().save(windowId, TortureText.draft(windowId, n));
            w.draftNumbers.put(windowId, n);
            ObjectNode f = AckLog.fact("draft");
            f.put("w", windowId);
            f.put("n", n);
            w.acks.ack(op, f, true);
        }
    }

    static ObjectNode titleFact(String s, String title) {
        ObjectNode f = AckLog.fact("title");
        f.put("s", s);
        f.put("title", title);
        return f;
    }

    static final class Rename implements TortureOperation {
        public String kind() {
            return "rename";
        }

        public int weight() {
            return 4;
        }

        public void run(ChildWorld w) throws IOException {
            String s = w.anyLive();
            String title = TortureText.userTitle(s, w.random.nextInt(1_000_000));
            long op = w.acks.intent(kind(), s, null);
            w.desk.sessions().rename(s, title);
            w.acks.ack(op, titleFact(s, title), true);
        }
    }

    /**
     * Background titling as the app does it: read the session, think, then compare-and-set against the
     * title source it read. Sometimes the user renames in between; the auto title must then lose.
     */
    static final class AutoTitle implements TortureOperation {
        public String kind() {
            return "autoTitle";
        }

        public int weight() {
            return 6;
        }

        public void run(ChildWorld w) throws IOException {
            String s = w.anyLive();
            long op = w.acks.intent(kind(), s, null);
            TitleSource seen = w.desk.sessions().require(s).titleSource();
            if (w.random.nextInt(4) == 0) {
                String userTitle = TortureText.userTitle(s, w.random.nextInt(1_000_000));
                w.desk.sessions().rename(s, userTitle);
                w.acks.ack(op, titleFact(s, userTitle), false);
            }
            String title = TortureText.autoTitle(s, w.random.nextInt(1_000_000));
            boolean written = w.desk.sessions().setAutoTitle(s, seen, title);
            ObjectNode f = AckLog.fact("autoTitle");
            f.put("s", s);
            f.put("title", title);
            f.put("expected", seen.wire());
            f.put("written", written);
            w.acks.ack(op, f, true);
        }
    }

    static final class SetActive implements TortureOperation {
        public String kind() {
            return "active";
        }

        public int weight() {
            return 6;
        }

        public void run(ChildWorld w) throws IOException {
            String s = w.anyLive();
            long op = w.acks.intent(kind(), s, null);
            w.desk.sessions().setActive(s);
            ObjectNode f = AckLog.fact("active");
            f.put("s", s);
            w.acks.ack(op, f, true);
        }
    }

    static final class Trash implements TortureOperation {
        public String kind() {
            return "trash";
        }

        public int weight() {
            return 2;
        }

        public boolean applicable(ChildWorld w) {
            return w.live.size() >= 3;
        }

        public void run(ChildWorld w) throws IOException {
            String s = w.anyLive();
            long op = w.acks.intent(kind(), s, null);
            w.desk.sessions().trash(s);
            w.live.remove(s);
            w.trashed.add(s);
            ObjectNode f = AckLog.fact("trash");
            f.put("s", s);
            w.acks.ack(op, f, true);
        }
    }

    static final class Restore implements TortureOperation {
        public String kind() {
            return "restore";
        }

        public int weight() {
            return 3;
        }

        public boolean applicable(ChildWorld w) {
            return !w.trashed.isEmpty();
        }

        public void run(ChildWorld w) throws IOException {
            String s = w.trashed.get(w.random.nextInt(w.trashed.size()));
            long op = w.acks.intent(kind(), s, null);
            w.desk.sessions().restore(s);
            w.trashed.remove(s);
            w.live.add(s);
            ObjectNode f = AckLog.fact("restore");
            f.put("s", s);
            w.acks.ack(op, f, true);
        }
    }

    static final class Fork implements TortureOperation {
        public String kind() {
            return "fork";
        }

        public int weight() {
            return 2;
        }

        public boolean applicable(ChildWorld w) {
            return w.sessionCount() < ChildWorld.MAX_FORKED_SESSIONS;
        }

        public void run(ChildWorld w) throws IOException {
            String parent = w.anyLive();
            int count = w.desk.sessions().require(parent).messageCount();
            if (count == 0) {
                return;
            }
            int upto = 1 + w.random.nextInt(count);
            long op = w.acks.intent(kind(), parent, null);
            Session child = w.desk.sessions().fork(parent, upto);
            w.live.add(child.id());
            ObjectNode f = AckLog.fact("fork");
            f.put("s", child.id());
            f.put("parent", parent);
            f.put("upto", upto);
            w.acks.ack(op, f, true);
        }
    }

    static final class NewSessionOp implements TortureOperation {
        public String kind() {
            return "newSession";
        }

        public int weight() {
            return 2;
        }

        public boolean applicable(ChildWorld w) {
            return w.sessionCount() < ChildWorld.MAX_SESSIONS;
        }

        public void run(ChildWorld w) throws IOException {
            long op = w.acks.intent(kind(), null, null);
            Session s = w.desk.sessions().create(null, "/work/project-" + w.random.nextInt(5));
            w.live.add(s.id());
            ObjectNode f = AckLog.fact("session");
            f.put("s", s.id());
            w.acks.ack(op, f, true);
        }
    }
}
