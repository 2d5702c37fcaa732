package dev.sessiondesk.ui;

import static dev.sessiondesk.ui.GuiFixture.fx;
import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sessiondesk.app.tasks.UncaughtExceptions;
import dev.sessiondesk.ui.chat.StatusKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** An exception nothing caught, on the FX thread or a client thread: the log has its stack, the user one line. */
class UncaughtExceptionGuiTest {
    private static final String LINE_FX = "Something went wrong (IllegalStateException: a bug on the FX thread)"
            + " — the details are in the log.";

    @TempDir
    Path dataDir;
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    DeskClient client;
    Locale before;

    @BeforeAll
    static void toolkit() throws Exception {
        GuiFixture.startToolkit();
    }

    @BeforeEach
    void listen() {
        before = Locale.getDefault();
        Locale.setDefault(Locale.ENGLISH);
        log.start();
        ((Logger) LoggerFactory.getLogger(UncaughtExceptions.class)).addAppender(log);
    }

    @AfterEach
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(UncaughtExceptions.class)).detachAppender(log);
        Locale.setDefault(before);
        if (client != null) {
            fx(() -> client.quit()).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void anExceptionOnTheFxThreadIsLoggedWithItsStackAndShownInOneLineInEveryWindow() throws Exception {
        client = GuiFixture.start(dataDir, List.of());
        client.awaitStartMaintenance(); // its report would replace the line in the status bar
        Platform.runLater(() -> {
            throw new IllegalStateException("a bug on the FX thread\nsecond line never shown");
        });
        waitFor("the status bar to say so", () -> fxGet(() -> LINE_FX.equals(client.windows().get(0).status().getText())));
        assertThat(fxGet(() -> client.windows().get(0).viewModel().status().kindProperty().get())).isEqualTo(StatusKind.ERROR);
        assertThat(log.list).anySatisfy(e -> {
            assertThat(e.getFormattedMessage()).startsWith("uncaught exception on thread JavaFX Application Thread");
            assertThat(e.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
        });
        // The toolkit carries on: the window still works.
        assertThat(fxGet(() -> client.windows().get(0).stage().isShowing())).isTrue();
    }

    @Test
    void anExceptionOnOneOfTheClientsThreadsReachesTheStatusBarToo() throws Exception {
        client = GuiFixture.start(dataDir, List.of());
        client.awaitStartMaintenance(); // its report would replace the line in the status bar
        client.desk().background().execute(() -> {
            throw new IllegalArgumentException("a bug in the background");
        });
        waitFor("the status bar to say so", () -> fxGet(() -> client.windows().get(0).status().getText()).equals(
                "Something went wrong (IllegalArgumentException: a bug in the background) — the details are in the log."));
        assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).startsWith("uncaught exception on thread background-"));
    }
}
