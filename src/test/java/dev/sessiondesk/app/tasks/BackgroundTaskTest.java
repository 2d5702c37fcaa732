package dev.sessiondesk.app.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
}
