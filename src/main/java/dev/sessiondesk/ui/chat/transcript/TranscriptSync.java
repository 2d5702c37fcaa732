package dev.sessiondesk.ui.chat.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.render.MessageContext;
import dev.sessiondesk.app.render.MessageHtml;
import dev.sessiondesk.app.render.ToolPairing;
import dev.sessiondesk.model.Message;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Keeps the page in step with the window's message list while touching only what changed: a
 * streaming reply replaces its own article, a new message is appended, a removed one removed. The
 * page holds only the newest messages at first (about a screenful or two, never more than
 * {@link #PAGE_CHARS} of content) and older ones are prepended a page at a time as the user scrolls
 * up, so opening a 10,000-message session renders a few dozen. Works on already-loaded records only.
 */
final class TranscriptSync {
    static final int PAGE_MESSAGES = 40;
    static final int PAGE_CHARS = 120_000;

    private final List<Message> list;
    private final MessageHtml html;
    private final IntFunction<int[]> branches;
    private final PageOps ops;
    private final TreeMap<Integer, Message> rendered = new TreeMap<>();
    private String sessionId;

    TranscriptSync(List<Message> list, MessageHtml html, IntFunction<int[]> branches, PageOps ops) {
        this.list = list;
        this.html = html;
        this.branches = branches;
        this.ops = ops;
    }

    int renderedCount() {
        return rendered.size();
    }

    /** Shows the newest page of the list, replacing whatever the page showed. */
    void reset() {
        rendered.clear();
        sessionId = list.isEmpty() ? null : list.get(0).sessionId();
        int end = list.size();
        int start = startOfPage(end);
        ops.reset(render(start, end), start > 0);
    }

    /** Brings the page up to date with the list. */
    void sync() {
        if (list.isEmpty() || rendered.isEmpty() || !Objects.equals(list.get(0).sessionId(), sessionId)) {
            if (!(list.isEmpty() && rendered.isEmpty() && sessionId == null)) {
                reset();
            }
            return;
        }
        int from = indexAtLeast(rendered.firstKey());
        int lastShown = rendered.lastKey();
        Set<Integer> seen = new HashSet<>();
        Set<Integer> changed = new LinkedHashSet<>();
        List<Integer> appended = new ArrayList<>();
        for (int i = from; i < list.size(); i++) {
            Message m = list.get(i);
            seen.add(m.seq());
            Message before = rendered.get(m.seq());
            if (before == m) {
                continue;
            }
            if (before == null && m.seq() < lastShown) {
                reset(); // inserted between shown messages (hidden ones shown again): start over
                return;
            }
            (before == null ? appended : changed).add(i);
            if (ToolPairing.mentionsTools(m)) {
                for (int j = Math.max(from, i - 8); j < i; j++) {
                    if (ToolPairing.mentionsTools(list.get(j))) {
                        changed.add(j); // its request card now shows this result (or no longer does)
                    }
                }
            }
        }
        for (Integer seq : new ArrayList<>(rendered.keySet())) {
            if (!seen.contains(seq)) {
                rendered.remove(seq);
                ops.remove(seq);
            }
        }
        for (int i : changed) {
            if (!appended.contains(i)) {
                Message m = list.get(i);
                rendered.put(m.seq(), m);
                ops.replace(m.seq(), article(i));
            }
        }
        if (!appended.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (int i : appended) {
                rendered.put(list.get(i).seq(), list.get(i));
                sb.append(article(i));
            }
            ops.append(sb.toString());
        }
    }

    /** Renders message {@code seq} again if it is on the page as it is in the list (its branch switcher changed). */
    void refresh(int seq) {
        int index = indexOf(seq);
        if (index >= 0 && rendered.get(seq) == list.get(index)) {
            ops.replace(seq, article(index));
        }
    }

    /** Prepends the page before the oldest shown message; false when everything is shown already. */
    boolean loadOlder() {
        if (rendered.isEmpty()) {
            return false;
        }
        int end = indexAtLeast(rendered.firstKey());
        if (end <= 0) {
            ops.prepend("", false);
            return false;
        }
        int start = startOfPage(end);
        ops.prepend(render(start, end), start > 0);
        return true;
    }

    /** Makes sure message {@code seq} is on the page (prepending what lies between); false if it is not in the list. */
    boolean include(int seq) {
        if (rendered.containsKey(seq)) {
            return true;
        }
        int index = indexOf(seq);
        if (index < 0 || rendered.isEmpty()) {
            return false;
        }
        int end = indexAtLeast(rendered.firstKey());
        if (index >= end) {
            return false;
        }
        int start = Math.max(0, index - 2);
        ops.prepend(render(start, end), start > 0);
        return true;
    }

    /** The message with {@code seq} in the list, or null. */
    Message message(int seq) {
        int i = indexOf(seq);
        return i < 0 ? null : list.get(i);
    }

    private String render(int start, int end) {
        StringBuilder sb = new StringBuilder();
        for (int i = start; i < end; i++) {
            rendered.put(list.get(i).seq(), list.get(i));
            sb.append(article(i));
        }
        return sb.toString();
    }

    private String article(int index) {
        return html.article(list.get(index), new Around(index));
    }

    /** The first index of a page ending before {@code end}: at most a page of messages and of content. */
    private int startOfPage(int end) {
        int start = end;
        long chars = 0;
        while (start > 0 && end - start < PAGE_MESSAGES && chars < PAGE_CHARS) {
            start--;
            String json = list.get(start).contentJson();
            chars += Math.min(json == null ? 0 : json.length(), MessageHtml.FOLD_CHARS);
        }
        return start;
    }

    private int indexOf(int seq) {
        int i = indexAtLeast(seq);
        return i < list.size() && list.get(i).seq() == seq ? i : -1;
    }

    /** Binary search: the list is in seq order. */
    private int indexAtLeast(int seq) {
        int lo = 0;
        int hi = list.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (list.get(mid).seq() < seq) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The neighbours of the message at {@code index}, for pairing tool calls and the branch switcher. */
    private final class Around implements MessageContext {
        private final int index;

        Around(int index) {
            this.index = index;
        }

        @Override
        public JsonNode toolResponse(String requestId) {
            return ToolPairing.responseAfter(list, index, requestId);
        }

        @Override
        public boolean requestShown(String responseId) {
            return ToolPairing.requestBefore(list, index, responseId);
        }

        @Override
        public int[] branch(int seq) {
            return branches.apply(seq);
        }
    }
}
