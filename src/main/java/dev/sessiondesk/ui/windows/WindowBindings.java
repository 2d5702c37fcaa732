package dev.sessiondesk.ui.windows;

import dev.sessiondesk.app.client.OpenStore;
import dev.sessiondesk.model.WindowBinding;
import dev.sessiondesk.ui.chat.ChatViewModel;
import dev.sessiondesk.ui.chat.ChatWindow;
import dev.sessiondesk.ui.sidebar.SessionListModel;
import java.util.function.BooleanSupplier;

/**
 * Writes each window's binding (session, geometry, stacking, focus) through the debounced layout
 * service whenever it changes, and keeps the sidebar's "shown in which window" map in step. Not
 * while the app is closing (the windows come back as they were) nor on a read-only store.
 */
final class WindowBindings {
    private final OpenStore store;
    private final WindowRegistry registry;
    private final WindowGeometry geometry;
    private final SessionListModel sessionList;
    private final BooleanSupplier closing;

    WindowBindings(OpenStore store, WindowRegistry registry, WindowGeometry geometry, SessionListModel sessionList,
                   BooleanSupplier closing) {
        this.store = store;
        this.registry = registry;
        this.geometry = geometry;
        this.sessionList = sessionList;
        this.closing = closing;
    }

    void persist(ChatWindow w) {
        ChatViewModel vm = w.viewModel();
        // Only when it changes: every sidebar redraws all its rows on a change of this map, and a window
        // persists its binding each time it reads new messages (many times a second while a reply streams).
        if (vm.sessionId() == null || !vm.windowId().equals(sessionList.windowBySession().get(vm.sessionId()))) {
            sessionList.windowBySession().values().removeIf(vm.windowId()::equals);
            if (vm.sessionId() != null) {
                sessionList.windowBySession().put(vm.sessionId(), vm.windowId());
            }
        }
        if (closing.getAsBoolean() || vm.sessionId() == null || store.readOnly()) {
            return;
        }
        store.services().layout().update(bindingOf(w));
    }

    /** Every window's binding now (before the store is closed for a restore, before Sync Now). */
    void persistAll() {
        registry.all().forEach(this::persist);
    }

    WindowBinding bindingOf(ChatWindow w) {
        String id = w.viewModel().windowId();
        return geometry.bindingOf(w, registry.zOrderOf(id), registry.isFocused(id));
    }
}
