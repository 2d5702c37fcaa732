package dev.sessiondesk.app.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundTaskTest {

    @Test
    void successAndErrorReachTheirCallbacksInOrderOnTheSameThreadRunner() {
        List<String> events = new ArrayList<>();
        BackgroundTask.supply("compute", () -> 42)
                .onSuccess(v -> events.add("ok " + v))
                .onError(e -> events.add("error"))
                .onFinally(() -> events.add("finally"))
                .executeWith(TaskRunner.sameThread());
        BackgroundTask.run("fail", () -> {
                    throw new IOException("disk went away");
                })
                .onSuccess(v -> events.add("ok"))
                .onError(e -> events.add("error " + e.getClass().getSimpleName() + ": " + e.getMessage()))
                .executeWith(TaskRunner.sameThread());
        assertThat(events).containsExactly("ok 42", "finally", "error IOException: disk went away");
    }

    @Test
    void anErrorGoesToTheFirstHandlerOfItsTypeAndOnlyThere() {
        List<String> events = new ArrayList<>();
        BackgroundTask.run("read", () -> {
                    throw new NoSuchFileException("/gone");
                })
                .onError(IllegalStateException.class, e -> events.add("state"))
                .onError(IOException.class, e -> events.add("io " + e.getMessage()))
                .onError(e -> events.add("any"))
                .executeWith(TaskRunner.sameThread());
        BackgroundTask.run("check", () -> {
                    throw new IllegalArgumentException("bad id");
                })
                .onError(IOException.class, e -> events.add("io"))
                .onError(e -> events.add("any " + e.getMessage()))
                .executeWith(TaskRunner.sameThread());
        assertThat(events).containsExactly("io /gone", "any bad id");
    }

    @Test
    void progressIsDeliveredOnTheCallbackExecutorBeforeTheResult() throws Exception {
        ExecutorService pool = Workers.logging().single("progress-test", true);
        LinkedBlockingQueue<Runnable> callbacks = new LinkedBlockingQueue<>();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        var done = BackgroundTask.withProgress("count", p -> {
                    p.update(0.5, "half");
                    p.update(1, "all");
                    return "done";
                })
                .onProgress((fraction, message) -> {
                    seen.add(fraction + " " + message);
                    threads.add(Thread.currentThread().getName());
                })
                .onSuccess(seen::add)
                .executeWith(new TaskRunner(pool, callbacks::add));
        // The test thread plays the UI thread: it runs whatever the task hands back, in order.
        while (!done.isDone()) {
            Runnable r = callbacks.poll(10, TimeUnit.SECONDS);
            assertThat(r).as("a callback within 10 s").isNotNull();
            r.run();
        }
        assertThat(seen).containsExactly("0.5 half", "1.0 all", "done");
        assertThat(threads).containsOnly(Thread.currentThread().getName());
        pool.shutdown();
    }

    @Test
    void cancelInterruptsTheWorkAndRunsOnlyOnCancelled() throws Exception {
        ExecutorService pool = Workers.logging().single("cancel-test", true);
        CountDownLatch started = new CountDownLatch(1);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        BackgroundTask<String> task = BackgroundTask.supply("wait for ever", () -> {
                    started.countDown();
                    Thread.sleep(60_000);
                    return "never";
                })
                .onSuccess(v -> events.add("success"))
                .onError(e -> events.add("error"))
                .onCancelled(() -> events.add("cancelled"))
                .onFinally(() -> events.add("finally"));
        var done = task.executeWith(new TaskRunner(pool, Runnable::run));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        long t0 = System.nanoTime();
        task.cancel();
        assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class)
                .hasMessage("wait for ever was cancelled");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).as("the sleep was interrupted").isLessThan(10);
        assertThat(events).containsExactly("cancelled", "finally");
        assertThat(task.isCancelled()).isTrue();
        pool.shutdown();
    }
}
