package dev.sessiondesk.ui.windows;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.TreeMap;
import javafx.scene.Node;
import javafx.scene.Scene;

/**
 * Counts a scene's pulses and those of them that will repaint it (some node was marked dirty), and
 * names the dirty nodes. Every pulse runs the scene's post-layout listeners, dirty or not, and while
 * a WebView exists JavaFX pulses 60 times a second anyway (WebEngine keeps an AnimationTimer for
 * WebKit's timers), so the repainting pulses are the load-independent measure of an idle window. The
 * dirty list is the scene's private {@code dirtyNodes} (read by reflection: there is no public API).
 * Use on the FX thread only.
 */
final class RepaintCounter {
    private final Scene scene;
    private final Field nodes;
    private final Field size;
    private final Runnable listener = this::pulse;
    private final Map<String, Integer> dirty = new TreeMap<>();
    private int pulses;
    private int repaints;

    RepaintCounter(Scene scene) throws ReflectiveOperationException {
        this.scene = scene;
        nodes = Scene.class.getDeclaredField("dirtyNodes");
        size = Scene.class.getDeclaredField("dirtyNodesSize");
        nodes.setAccessible(true);
        size.setAccessible(true);
    }

    void start() {
        pulses = 0;
        repaints = 0;
        dirty.clear();
        scene.addPostLayoutPulseListener(listener);
    }

    void stop() {
        scene.removePostLayoutPulseListener(listener);
    }

    int pulses() {
        return pulses;
    }

    int repaints() {
        return repaints;
    }

    /** What was dirty and how often, e.g. {@code 6× Path in ContentView}. */
    String dirtyNodes() {
        StringBuilder b = new StringBuilder();
        dirty.forEach((k, n) -> b.append(n).append("× ").append(k).append("; "));
        return b.toString();
    }

    private void pulse() {
        pulses++;
        try {
            Node[] list = (Node[]) nodes.get(scene);
            int n = size.getInt(scene);
            if (list == null || n > 0) { // null: the whole scene is to be synchronised
                repaints++;
            }
            for (int i = 0; list != null && i < n; i++) {
                Node x = list[i];
                String where = x.getParent() == null ? "" : " in " + x.getParent().getClass().getSimpleName()
                        + (x.getParent().getId() == null ? "" : "#" + x.getParent().getId());
                dirty.merge(x.getClass().getSimpleName() + (x.getId() == null ? "" : "#" + x.getId()) + where, 1,
                        Integer::sum);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
