package dev.sessiondesk.ui.windows;

import dev.sessiondesk.ui.chat.ChatWindow;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The open chat windows by id, their stacking order and which one has focus: the facts the window
 * bindings record and the New Chat and "open elsewhere" rules read. FX thread only.
 */
final class WindowRegistry {
    private final Map<String, ChatWindow> windows = new LinkedHashMap<>();
    private final Map<String, Integer> zOrder = new LinkedHashMap<>();
    private int zCounter;
    private String focusedWindowId;

    void add(String windowId, ChatWindow w) {
        windows.put(windowId, w);
        zOrder.putIfAbsent(windowId, ++zCounter);
    }

    /** A restored window keeps the place in the stack it had. */
    void placeInStack(String windowId, int z) {
        zCounter = Math.max(zCounter, z);
        zOrder.put(windowId, z);
    }

    void remove(String windowId) {
        windows.remove(windowId);
        zOrder.remove(windowId);
        if (windowId.equals(focusedWindowId)) {
            focusedWindowId = null;
        }
    }

    boolean contains(String windowId) {
        return windows.containsKey(windowId);
    }

    boolean contains(ChatWindow w) {
        return windows.containsValue(w);
    }

    ChatWindow get(String windowId) {
        return windows.get(windowId);
    }

    int size() {
        return windows.size();
    }

    List<ChatWindow> all() {
        return List.copyOf(windows.values());
    }

    /** The focused window, else the first one, else empty. */
    Optional<ChatWindow> anchor() {
        ChatWindow focused = focusedWindowId != null ? windows.get(focusedWindowId) : null;
        if (focused == null && !windows.isEmpty()) {
            focused = windows.values().iterator().next();
        }
        return Optional.ofNullable(focused);
    }

    Optional<ChatWindow> focused() {
        return Optional.ofNullable(focusedWindowId == null ? null : windows.get(focusedWindowId));
    }

    /** Records the focus and puts the window on top; returns the window that had focus before, or null. */
    String focus(String windowId) {
        String previous = focusedWindowId;
        focusedWindowId = windowId;
        if (zOrder.getOrDefault(windowId, 0) != zCounter) {
            zOrder.put(windowId, ++zCounter);
        }
        return previous;
    }

    boolean isFocused(String windowId) {
        return windowId.equals(focusedWindowId);
    }

    int zOrderOf(String windowId) {
        return zOrder.getOrDefault(windowId, 0);
    }

    /** Sessions shown by windows other than {@code windowId}. */
    Set<String> sessionsShownElsewhere(String windowId) {
        Set<String> out = new HashSet<>();
        for (ChatWindow w : windows.values()) {
            if (!w.viewModel().windowId().equals(windowId) && w.viewModel().sessionId() != null) {
                out.add(w.viewModel().sessionId());
            }
        }
        return out;
    }

    /** The window showing {@code sessionId} without a banner, other than {@code exceptWindowId}. */
    Optional<ChatWindow> showing(String sessionId, String exceptWindowId) {
        for (ChatWindow w : windows.values()) {
            if (sessionId.equals(w.viewModel().sessionId()) && !w.viewModel().windowId().equals(exceptWindowId)
                    && w.viewModel().bannerProperty().get() == null) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    /** Sessions the windows show (not the ones behind a banner). */
    Set<String> openSessionIds() {
        Set<String> ids = new HashSet<>();
        for (ChatWindow w : windows.values()) {
            if (w.viewModel().sessionId() != null && w.viewModel().bannerProperty().get() == null) {
                ids.add(w.viewModel().sessionId());
            }
        }
        return ids;
    }
}
