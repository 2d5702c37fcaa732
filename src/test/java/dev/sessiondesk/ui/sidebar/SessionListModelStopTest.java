package dev.sessiondesk.ui.sidebar;

import static dev.sessiondesk.ui.GuiFixture.fxRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.ui.GuiFixture;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stopped session list (its windows are gone: quit, or the store being replaced) reads nothing
 * more, and a refresh still waiting for its pause does not fire: it used to hand a read to workers
 * that had shut down, a RejectedExecutionException on the FX thread a second after quit.
 */
class SessionListModelStopTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        GuiFixture.startToolkit();
    }

    @Test
    void aPendingContentRefreshDoesNotFireAfterStop() throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor();
        AtomicInteger reads = new AtomicInteger();
        try (SessionDesk desk = SessionDesk.open(tmp.resolve("data"))) {
            SessionListModel model = new SessionListModel(desk.sessions(), new TaskRunner(r -> {
                reads.incrementAndGet();
                background.execute(r);
            }, Platform::runLater));
            fxRun(() -> {
                model.refresh();     // the last read is now: the next announcement waits for the pause
                model.refreshSoon();
            });
            fxRun(model::stop);
            fxRun(model::refreshSoon);
            fxRun(model::refresh);
            Thread.sleep(SessionListModel.CONTENT_REFRESH_MILLIS + 500);
            fxRun(() -> { }); // after any timer due by now
            assertThat(reads).as("list reads: the first refresh only").hasValue(1);
        } finally {
            background.shutdown();
            assertThat(background.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void withoutStopThePendingRefreshFires() throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor();
        AtomicInteger reads = new AtomicInteger();
        try (SessionDesk desk = SessionDesk.open(tmp.resolve("data"))) {
            SessionListModel model = new SessionListModel(desk.sessions(), new TaskRunner(r -> {
                reads.incrementAndGet();
                background.execute(r);
            }, Platform::runLater));
            fxRun(() -> {
                model.refresh();
                model.refreshSoon();
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reads.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(reads).as("the pause's read (so the first test can fail)").hasValue(2);
            fxRun(model::stop);
        } finally {
            background.shutdown();
            assertThat(background.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
