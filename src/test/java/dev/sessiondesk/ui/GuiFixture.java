package dev.sessiondesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.client.ClientOptions;
import dev.sessiondesk.app.client.ClientServices;
import dev.sessiondesk.app.instance.LaunchRequest;
import dev.sessiondesk.ui.chat.ChatWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.testfx.api.FxToolkit;

/** Starts SessionDesk clients inside the test JVM (Monocle, headless) and runs things on the FX thread. */
public final class GuiFixture {
    private GuiFixture() {
    }

    public static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        fx(() -> {
            Platform.setImplicitExit(false); // hiding every window must not end the toolkit between tests
            return null;
        });
    }

    public static ClientServices.Timings fastTimings() {
        return new ClientServices.Timings(Duration.ofMillis(100), Duration.ofMillis(150), Duration.ofMillis(500));
    }

    /** A client over {@code dataDir}, started and showing its windows. */
    public static DeskClient start(Path dataDir, List<String> args) throws Exception {
        return start(dataDir, args, ClientServices.ReplyStarterFactory.NONE);
    }

    /** A client whose windows get replies from {@code replies} (e.g. {@code SessionDeskApp.ASSISTANT}). */
    public static DeskClient start(Path dataDir, List<String> args, ClientServices.ReplyStarterFactory replies)
            throws Exception {
        CompletableFuture<DeskClient> started = new CompletableFuture<>();
        Platform.runLater(() -> {
            DeskClient client = new DeskClient(ClientOptions.of(dataDir, LaunchRequest.parse(args))
                    .withTimings(fastTimings()).withReplies(replies), () -> { });
            client.start().whenComplete((outcome, error) -> {
                if (error != null) {
                    started.completeExceptionally(error);
                } else {
                    started.complete(client);
                }
            });
        });
        DeskClient client = started.get(30, TimeUnit.SECONDS);
        waitFor("the first window to show a session", () -> fxGet(() -> !client.windows().isEmpty()
                && client.windows().stream().allMatch(w -> w.viewModel().sessionId() != null)));
        return client;
    }

    public static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    public static <T> T fxGet(Callable<T> work) {
        try {
            return fx(work);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void fxRun(Runnable work) throws Exception {
        fx(() -> {
            work.run();
            return null;
        });
    }

    public static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Types {@code text} into the window's composer and presses Enter there, as a user would. */
    public static void typeAndPressEnter(ChatWindow w, String text) throws Exception {
        fxRun(() -> {
            w.composer().setText(text);
            w.composer().fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false));
        });
    }

    public static void assertSentAndShown(ChatWindow w, int count) throws InterruptedException {
        waitFor("window " + w.viewModel().windowId() + " to show " + count + " messages",
                () -> fxGet(() -> w.viewModel().messages().size() == count && !w.viewModel().composer().sendingProperty().get()));
        assertThat(fxGet(() -> w.composer().getText())).isEmpty();
    }
}
