package dev.sessiondesk.ui.chat.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.render.MessageContext;
import dev.sessiondesk.app.render.MessageHtml;
import dev.sessiondesk.app.render.ToolPairing;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.model.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the page in step with the window's message list while touching only what changed: a
 * streaming reply replaces its own article, a new message is appended, a removed one removed. The
 * page holds only the newest messages at first (about a screenful or two, never more than
 * {@link #PAGE_CHARS} of content) and older ones are prepended a page at a time as the user scrolls
 * up, so opening a 10,000-message session renders a few dozen. Works on already-loaded records only.
 * Older pages are smaller ({@link #OLDER_PAGE_MESSAGES}) and their HTML is written off the FX thread
 * (Markdown to HTML was most of a page-in's time there); the FX thread only hands the page one script
 * call per page, so scrolling up through a long session never holds it for long.
 */
final class TranscriptSync {
    private static final Logger LOG = LoggerFactory.getLogger(TranscriptSync.class);
    static final int PAGE_MESSAGES = 40;
    static final int PAGE_CHARS = 120_000;
    static final int OLDER_PAGE_MESSAGES = 16;
    static final int OLDER_PAGE_CHARS = 40_000;
    /** How far tool pairing looks either way ({@code ToolPairing}): the neighbours an older page's render needs. */
    private static final int NEIGHBOURS = 8;

    private final List<Message> list;
    private final MessageHtml html;
    private final IntFunction<int[]> branches;
    private final PageOps ops;
    private final TaskRunner renderer;
    private final TreeMap<Integer, Message> rendered = new TreeMap<>();
    private String sessionId;
    private long generation; // counts resets: an older page rendered for an earlier page is dropped
    private boolean pagingIn;
    private boolean pageHasOlder; // what the page was told last: whether to ask for older messages

    TranscriptSync(List<Message> list, MessageHtml html, IntFunction<int[]> branches, PageOps ops) {
        this(list, html, branches, ops, TaskRunner.sameThread());
    }

    /** @param renderer where older pages are rendered to HTML and where the result comes back (the FX thread) */
    TranscriptSync(List<Message> list, MessageHtml html, IntFunction<int[]> branches, PageOps ops, TaskRunner renderer) {
        this.list = list;
        this.html = html;
        this.branches = branches;
        this.ops = ops;
        this.renderer = renderer;
    }

    int renderedCount() {
        return rendered.size();
    }

    /** Shows the newest page of the list, replacing whatever the page showed. */
    void reset() {
        generation++;
        pagingIn = false;
        rendered.clear();
        sessionId = list.isEmpty() ? null : list.get(0).sessionId();
        int end = list.size();
        int start = startOfPage(end);
        pageHasOlder = start > 0;
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
        if (from > 0 && !pageHasOlder) {
            pageHasOlder = true; // older messages came into the list (a session opened newest first)
            ops.prepend("", true);
        }
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

    /**
     * Prepends the page before the oldest shown message, rendered in the background; false when
     * everything is shown already or a page is on its way (the page asks again after it lands).
     */
    boolean loadOlder() {
        if (rendered.isEmpty() || pagingIn) {
            return false;
        }
        int end = indexAtLeast(rendered.firstKey());
        if (end <= 0) {
            pageHasOlder = false;
            ops.prepend("", false);
            return false;
        }
        int start = startOfPage(end, OLDER_PAGE_MESSAGES, OLDER_PAGE_CHARS);
        // What the render needs, taken now on the FX thread: the messages with the neighbours tool
        // pairing looks at, and the branch switchers (the list and the branch map are the FX thread's).
        int from = Math.max(0, start - NEIGHBOURS);
        List<Message> slice = List.copyOf(list.subList(from, Math.min(list.size(), end + NEIGHBOURS)));
        Map<Integer, int[]> switchers = new HashMap<>();
        for (int i = start; i < end; i++) {
            int[] b = branches.apply(list.get(i).seq());
            if (b != null) {
                switchers.put(list.get(i).seq(), b);
            }
        }
        long pageGeneration = generation;
        int firstShown = rendered.firstKey();
        pagingIn = true;
        BackgroundTask.supply("render older messages", () -> {
                    StringBuilder sb = new StringBuilder();
                    for (int i = start - from; i < end - from; i++) {
                        sb.append(html.article(slice.get(i), new Around(slice, i, switchers::get)));
                    }
                    return sb.toString();
                })
                .onSuccess(page -> {
                    if (pageGeneration != generation) {
                        return; // the page was rebuilt meanwhile (and knows whether it has older messages)
                    }
                    pagingIn = false;
                    if (rendered.isEmpty() || rendered.firstKey() != firstShown) {
                        pageHasOlder = indexAtLeast(rendered.isEmpty() ? 0 : rendered.firstKey()) > 0;
                        ops.prepend("", pageHasOlder); // ask again
                        return;
                    }
                    for (int i = start - from; i < end - from; i++) {
                        rendered.put(slice.get(i).seq(), slice.get(i)); // a message changed meanwhile differs: sync() renews it
                    }
                    pageHasOlder = start > 0;
                    ops.prepend(page, start > 0);
                })
                .onError(e -> {
                    if (pageGeneration == generation) {
                        pagingIn = false;
                        LOG.warn("cannot render older messages: {}", e.getMessage());
                        pageHasOlder = false;
                        ops.prepend("", false);
                    }
                })
                .executeWith(renderer);
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
        pageHasOlder = start > 0;
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
        return html.article(list.get(index), new Around(list, index, branches));
    }

    /** The first index of a page ending before {@code end}: at most a page of messages and of content. */
    private int startOfPage(int end) {
        return startOfPage(end, PAGE_MESSAGES, PAGE_CHARS);
    }

    private int startOfPage(int end, int messages, int maxChars) {
        int start = end;
        long chars = 0;
        while (start > 0 && end - start < messages && chars < maxChars) {
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

    /** The neighbours of the message at {@code index} of {@code messages}, for pairing tool calls and the branch switcher. */
    private record Around(List<Message> messages, int index, IntFunction<int[]> branches) implements MessageContext {
        @Override
        public JsonNode toolResponse(String requestId) {
            return ToolPairing.responseAfter(messages, index, requestId);
        }

        @Override
        public boolean requestShown(String responseId) {
            return ToolPairing.requestBefore(messages, index, responseId);
        }

        @Override
        public int[] branch(int seq) {
            return branches.apply(seq);
        }
    }
}
