package dev.sessiondesk.app.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class WorkersTest {

    @Test
    void anExceptionNothingCaughtOnAWorkerIsLoggedWithItsStackAndToldToTheUser() throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger(UncaughtExceptions.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        log.addAppender(appender);
        CompletableFuture<Throwable> told = new CompletableFuture<>();
        try (Workers workers = new Workers(new UncaughtExceptions(told::complete))) {
            ExecutorService pool = workers.pool("uncaught-test", 1);
            pool.execute(() -> {
                throw new IllegalStateException("nobody caught me");
            });
            Throwable error = told.get(10, TimeUnit.SECONDS);
            assertThat(error).isInstanceOf(IllegalStateException.class).hasMessage("nobody caught me");
            assertThat(appender.list).anySatisfy(e -> {
                assertThat(e.getFormattedMessage()).isEqualTo("uncaught exception on thread uncaught-test-1");
                assertThat(e.getThrowableProxy()).as("the stack is logged").isNotNull();
                assertThat(e.getThrowableProxy().getMessage()).isEqualTo("nobody caught me");
                assertThat(e.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
            });
        } finally {
            log.detachAppender(appender);
        }
    }

    @Test
    void threadsAreNamedAfterTheirJobAndCloseStopsWhatWasLeftRunning() throws Exception {
        Workers workers = Workers.logging();
        ExecutorService pool = workers.pool("named", 2);
        ScheduledExecutorService scheduler = workers.scheduler("ticks");
        String name = CompletableFuture.supplyAsync(() -> Thread.currentThread().getName(), pool).get(10, TimeUnit.SECONDS);
        boolean daemon = CompletableFuture.supplyAsync(() -> Thread.currentThread().isDaemon(), scheduler).get(10, TimeUnit.SECONDS);
        assertThat(name).isEqualTo("named-1");
        assertThat(daemon).isTrue();
        Thread loop = workers.thread("loop", true, () -> { });
        assertThat(loop.getName()).isEqualTo("loop");
        assertThat(loop.getUncaughtExceptionHandler()).isInstanceOf(UncaughtExceptions.class);
        workers.close();
        assertThat(pool.isTerminated()).isTrue();
        assertThat(scheduler.isTerminated()).isTrue();
        assertThatThrownBy(() -> workers.single("late", true)).isInstanceOf(IllegalStateException.class);
    }
}
