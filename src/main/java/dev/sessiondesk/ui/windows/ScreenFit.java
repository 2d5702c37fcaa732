package dev.sessiondesk.ui.windows;

import java.util.List;
import javafx.geometry.Rectangle2D;

/**
 * Puts a remembered window back where the user can reach it: on the screen it overlaps most, no
 * larger than that screen, fully inside it. A window whose screen is gone (a laptop without its
 * monitor) lands on the first screen.
 */
public final class ScreenFit {
    static final double MIN_WIDTH = 420;
    static final double MIN_HEIGHT = 320;

    private ScreenFit() {
    }

    public static Rectangle2D clamp(Rectangle2D wanted, List<Rectangle2D> screens) {
        if (screens.isEmpty()) {
            return wanted;
        }
        Rectangle2D best = screens.get(0);
        double bestArea = 0;
        for (Rectangle2D s : screens) {
            double area = overlap(wanted, s);
            if (area > bestArea) {
                bestArea = area;
                best = s;
            }
        }
        double w = Math.max(Math.min(wanted.getWidth(), best.getWidth()), Math.min(MIN_WIDTH, best.getWidth()));
        double h = Math.max(Math.min(wanted.getHeight(), best.getHeight()), Math.min(MIN_HEIGHT, best.getHeight()));
        double x = Math.min(Math.max(wanted.getMinX(), best.getMinX()), best.getMaxX() - w);
        double y = Math.min(Math.max(wanted.getMinY(), best.getMinY()), best.getMaxY() - h);
        return new Rectangle2D(x, y, w, h);
    }

    private static double overlap(Rectangle2D a, Rectangle2D b) {
        double w = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
        double h = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
        return w > 0 && h > 0 ? w * h : 0;
    }
}
