package dev.sessiondesk.store;

import static dev.sessiondesk.store.StoreFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingMessageTest {
    @TempDir
    Path dir;

    @Test
    void aStreamingReplyIsStoredAtOnceCheckpointedAndHashedWhenItEnds() {
        try (Store store = Store.open(dir)) {
            Session s = store.sessions().create(NewSession.blank());
            store.messages().append(s.id(), text(Role.USER, "question"));
            StreamingMessage stream = store.messages().beginStreaming(s.id(), NewMessage.text(Role.ASSISTANT, "Hel"));
            assertThat(stream.seq()).isEqualTo(2);
            Message partial = store.messages().get(s.id(), 2).orElseThrow();
            assertThat(partial.state()).isEqualTo(MessageState.STREAMING);
            assertThat(partial.hash()).isNull();
            assertThat(store.sessions().require(s.id()).messageCount()).isEqualTo(1);
            assertThat(store.verifier().verifySession(s.id()).ok()).isTrue(); // a streaming tail is allowed

            assertThat(store.messages().checkpoint(stream, ContentItems.textArray("Hello, wor"))).isTrue();
            assertThat(ContentItems.plainText(store.messages().get(s.id(), 2).orElseThrow().contentJson())).isEqualTo("Hello, wor");

            var done = store.messages().finishStreaming(stream, ContentItems.textArray("Hello, world."), MessageState.COMPLETE);
            assertThat(done.seq()).isEqualTo(2);
            Message complete = store.messages().get(s.id(), 2).orElseThrow();
            assertThat(complete.state()).isEqualTo(MessageState.COMPLETE);
            assertThat(complete.hash()).isEqualTo(done.hash()).isEqualTo(store.sessions().require(s.id()).headHash());
            assertThat(store.verifier().verifySession(s.id()).ok()).isTrue();
            assertThat(store.messages().checkpoint(stream, ContentItems.textArray("late"))).isFalse();
        }
    }

    @Test
    void aReplyAbandonedByACrashIsInterruptedWithItsPartialText() {
        try (Store store = Store.open(dir)) {
            Session s = store.sessions().create(NewSession.blank());
            StreamingMessage stream = store.messages().beginStreaming(s.id(), NewMessage.text(Role.ASSISTANT, ""));
            store.messages().checkpoint(stream, ContentItems.textArray("partial answer"));
        } // the process "dies" without finishing the reply
        try (Store store = Store.open(dir)) {
            assertThat(store.messages().interruptAbandonedStreams()).isEqualTo(1);
            Session s = store.sessions().list(SessionQuery.all()).get(0);
            Message m = store.messages().get(s.id(), 1).orElseThrow();
            assertThat(m.state()).isEqualTo(MessageState.INTERRUPTED);
            assertThat(ContentItems.plainText(m.contentJson())).isEqualTo("partial answer");
            assertThat(s.messageCount()).isEqualTo(1);
            assertThat(store.verifier().verifySession(s.id()).ok()).isTrue();
        }
    }

    @Test
    void anAppendDuringAStreamEndsTheStreamFirstSoTheChainStaysInOrder() {
        try (Store store = Store.open(dir)) {
            Session s = store.sessions().create(NewSession.blank());
            StreamingMessage stream = store.messages().beginStreaming(s.id(), NewMessage.text(Role.ASSISTANT, "half"));
            var appended = store.messages().append(s.id(), text(Role.USER, "interjection"));
            assertThat(appended.seq()).isEqualTo(2);
            assertThat(store.messages().get(s.id(), 1).orElseThrow().state()).isEqualTo(MessageState.INTERRUPTED);
            assertThat(store.verifier().verifySession(s.id()).ok()).isTrue();
            assertThatThrownBy(() -> store.messages().finishStreaming(stream, ContentItems.textArray("x"), MessageState.COMPLETE))
                    .isInstanceOf(StoreException.class).hasMessageContaining("already ended");
        }
    }
}
