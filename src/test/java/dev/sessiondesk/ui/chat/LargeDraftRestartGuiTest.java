package dev.sessiondesk.ui.chat;

import static dev.sessiondesk.ui.GuiFixture.fx;
import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.store.Store;
import dev.sessiondesk.ui.DeskClient;
import dev.sessiondesk.ui.GuiFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 8: a 5 MB paste was kept as the window's draft, and the next start never showed a window
 * (the draft was laid out in the composer's TextArea on the FX thread). A real client over a data folder
 * whose window has a 5 MB draft must show its window, keep the FX thread answering, and lose nothing.
 */
class LargeDraftRestartGuiTest {
    @TempDir
    Path dataDir;

    @BeforeAll
    static void toolkit() throws Exception {
        GuiFixture.startToolkit();
    }

    @Test
    void aFiveMegabyteDraftFromTheLastRunStartsPromptlyAndIsKept() throws Exception {
        DeskClient first = GuiFixture.start(dataDir, List.of());
        String windowId = fxGet(() -> first.windows().get(0).viewModel().windowId());
        fx(first::quit).get(30, TimeUnit.SECONDS);
        String draft = bigText(5 * 1024 * 1024);
        try (Store store = Store.open(dataDir)) {
            store.drafts().save(windowId, draft);
        }

        long started = System.nanoTime();
        DeskClient second = GuiFixture.start(dataDir, List.of());
        try {
            assertThat(fxGet(() -> second.windows().get(0).stage().isShowing())).isTrue();
            long shownMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            ChatWindow w = second.windows().get(0);
            GuiFixture.waitFor("the draft to come back", () -> fxGet(() -> !w.viewModel().composer().attachments()
                    .pending().isEmpty() || !w.composer().getText().isEmpty()));
            // Several answers in a row once the draft is back: the FX thread is not laying out megabytes.
            for (int i = 0; i < 5; i++) {
                long asked = System.nanoTime();
                boolean answered = answersWithin(5_000);
                System.out.println("large draft restart: FX answer " + i + " after "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked) + " ms");
                assertThat(answered).as("FX thread answer %d", i).isTrue();
                Thread.sleep(100);
            }
            // Not laid out in the TextArea, kept whole as an attachment of the composer.
            assertThat(fxGet(() -> w.composer().getLength())).isZero();
            assertThat(fxGet(() -> w.viewModel().composer().attachments().pending().get(0).data())).isEqualTo(draft);
            // Too large to send as one message: said so, with the size and the limit.
            assertThat(fxGet(() -> w.viewModel().composer().attachments().problemProperty().get())).isEqualTo(
                    "The unsent text from the last run is kept here whole, but it is 5.0 MB, and one message can hold"
                            + " at most 4.0 MB of text: remove it to send.");
            System.gc();
            long usedMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
            System.out.println("large draft restart: window in " + shownMs + " ms, heap used " + usedMb + " MB");
            assertThat(shownMs).isLessThan(20_000);
            assertThat(usedMb).isLessThan(600);
        } finally {
            fx(second::quit).get(30, TimeUnit.SECONDS);
        }
        // Quitting saved the draft again, whole: the next start has it too.
        try (Store store = Store.open(dataDir)) {
            assertThat(store.drafts().get(windowId)).get().extracting(d -> d.text()).isEqualTo(draft);
        }
    }

    private static boolean answersWithin(long millis) throws Exception {
        CompletableFuture<Boolean> pong = new CompletableFuture<>();
        Platform.runLater(() -> pong.complete(true));
        try {
            return pong.get(millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    /** Lines of prose, the way a pasted log or document looks. */
    static String bigText(int chars) {
        StringBuilder b = new StringBuilder(chars + 80);
        int line = 0;
        while (b.length() < chars) {
            b.append("line ").append(line++).append(": the quick brown fox jumps over the lazy dog\n");
        }
        b.setLength(chars);
        return b.toString();
    }
}
