package dev.sessiondesk.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.client.ClientServices;
import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.assistant.Assistant;
import dev.sessiondesk.app.assistant.AssistantSettings;
import dev.sessiondesk.app.assistant.Cancellation;
import dev.sessiondesk.app.assistant.ChatTurn;
import dev.sessiondesk.app.sync.SyncContext;
import dev.sessiondesk.app.sync.SyncStepResult;
import dev.sessiondesk.app.sync.SyncSummary;
import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GUI's reply seam over a real store: announces progress, keeps problems, Sync Now saves partials. */
class AssistantRepliesTest {
    @TempDir
    Path dir;
    SessionDesk desk;
    ClientServices services;
    final List<String> announced = new CopyOnWriteArrayList<>();
    final CountDownLatch halfway = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void open() {
        desk = SessionDesk.open(dir.resolve("data"));
        services = new ClientServices(desk, ClientServices.Timings.defaults(),
                (d, changes) -> {
                    changes.listen(announced::add);
                    return new AssistantReplies(d.replies(), changes);
                });
        Assistant pausing = new Assistant() {
            @Override
            public void streamReply(List<ChatTurn> conversation, DeltaSink sink, Cancellation cancellation) {
                sink.delta("so far");
                halfway.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sink.delta(", and the rest");
            }

            @Override
            public String describe() {
                return "a pausing test assistant";
            }
        };
        desk.assistants().use(AssistantSettings.offline(), pausing);
    }

    @AfterEach
    void close() {
        release.countDown();
        services.close();
        desk.close();
    }

    @Test
    void syncNowSavesTheStreamingPartialAndTheReplyIsAnnouncedForItsSessionOnly() throws Exception {
        String sid = desk.sessions().create(null, null).id();
        String other = desk.sessions().create(null, null).id();
        AppendResult user = desk.store().messages().append(sid, NewMessage.text(Role.USER, "hello"));
        services.replies().userMessageCommitted(sid, user);
        assertThat(services.replies().replying(sid)).isTrue();
        assertThat(services.replies().replying(other)).isFalse();
        assertThat(halfway.await(20, TimeUnit.SECONDS)).isTrue();

        SyncSummary summary = services.sync().syncNow(new SyncContext(Set.of(sid)));
        assertThat(summary.steps()).filteredOn(s -> s.step().equals(ClientServices.STREAMING_STEP))
                .extracting(SyncStepResult::count).containsExactly(1);
        Message partial = desk.store().messages().list(sid).get(1);
        assertThat(partial.state()).isEqualTo(MessageState.STREAMING);
        assertThat(ContentItems.plainText(partial.contentJson())).isEqualTo("so far");

        // Taken before the release: once released, the reply may end before it could be looked up.
        var reply = desk.replies().activeReply(sid).orElseThrow();
        release.countDown();
        reply.done().get(20, TimeUnit.SECONDS);
        assertThat(services.replies().replying(sid)).isFalse();
        assertThat(services.replies().problem(sid)).isEmpty();
        assertThat(announced).isNotEmpty().allMatch(sid::equals);
        assertThat(ContentItems.plainText(desk.store().messages().list(sid).get(1).contentJson()))
                .isEqualTo("so far, and the rest");
    }
}
