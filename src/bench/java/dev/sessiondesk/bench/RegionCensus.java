package dev.sessiondesk.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/**
 * The regions of the shown windows whose background Prism draws from its region cache: more than
 * one fill of plain colours (NGRegion caches those as an image and, under software rendering,
 * scales that image onto the region every frame it is painted). Reported with their area, largest
 * first, so a big container that got a second fill (a border as an inset fill) shows up in the
 * bench notes. FX thread only.
 */
final class RegionCensus {
    record Entry(String what, double area) {
    }

    private RegionCensus() {
    }

    static List<Entry> cachedBackgrounds() {
        List<Entry> out = new ArrayList<>();
        for (Window w : Window.getWindows()) {
            if (w.isShowing() && w.getScene() != null) {
                walk(w.getScene().getRoot(), out);
            }
        }
        out.sort(Comparator.comparingDouble(Entry::area).reversed());
        return out;
    }

    /** Total area (px²) of the cached backgrounds, and the largest few as "class#id.style WxH". */
    static String describe(List<Entry> entries, int top) {
        double total = entries.stream().mapToDouble(Entry::area).sum();
        StringBuilder sb = new StringBuilder(String.format("%d regions, %.0f kpx² in all", entries.size(), total / 1e3));
        for (int i = 0; i < Math.min(top, entries.size()); i++) {
            sb.append(i == 0 ? ": " : ", ").append(entries.get(i).what());
        }
        return sb.toString();
    }

    private static void walk(Node n, List<Entry> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Region r && r.getBackground() != null) {
            List<BackgroundFill> fills = r.getBackground().getFills();
            if (fills.size() > 1 && r.getWidth() * r.getHeight() > 0) {
                boolean radii = fills.stream().anyMatch(f -> f.getRadii() != null && !f.getRadii().equals(CornerRadii.EMPTY));
                out.add(new Entry(String.format("%s%s%s %.0fx%.0f %d fills%s", r.getClass().getSimpleName(),
                        r.getId() == null ? "" : "#" + r.getId(), r.getStyleClass().isEmpty() ? "" : "." + String.join(".", r.getStyleClass()),
                        r.getWidth(), r.getHeight(), fills.size(), radii ? " radii" : ""), r.getWidth() * r.getHeight()));
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                walk(c, out);
            }
        }
    }
}
