package dev.sessiondesk.ui.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

class ScreenFitTest {
    static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1280, 800);
    static final Rectangle2D MONITOR = new Rectangle2D(1280, 0, 1920, 1080);

    @Test
    void aWindowOnAVisibleScreenStaysWhereItWas() {
        Rectangle2D w = new Rectangle2D(1400, 100, 900, 700);
        assertThat(ScreenFit.clamp(w, List.of(LAPTOP, MONITOR))).isEqualTo(w);
    }

    @Test
    void aWindowOnAScreenThatIsGoneMovesOntoTheFirstScreenAndFits() {
        Rectangle2D onMissingMonitor = new Rectangle2D(1400, 100, 1600, 1000);
        Rectangle2D fit = ScreenFit.clamp(onMissingMonitor, List.of(LAPTOP));
        assertThat(LAPTOP.contains(fit)).isTrue();
        assertThat(fit.getWidth()).isEqualTo(1280);
        assertThat(fit.getHeight()).isEqualTo(800);
    }

    @Test
    void aWindowHangingOffTheEdgeIsPulledBackInside() {
        Rectangle2D fit = ScreenFit.clamp(new Rectangle2D(-300, 700, 600, 400), List.of(LAPTOP));
        assertThat(fit).isEqualTo(new Rectangle2D(0, 400, 600, 400));
    }

    @Test
    void aTinyRememberedWindowGetsAUsableSize() {
        Rectangle2D fit = ScreenFit.clamp(new Rectangle2D(10, 10, 50, 40), List.of(LAPTOP));
        assertThat(fit.getWidth()).isGreaterThanOrEqualTo(ScreenFit.MIN_WIDTH);
        assertThat(fit.getHeight()).isGreaterThanOrEqualTo(ScreenFit.MIN_HEIGHT);
    }
}
