package dev.sessiondesk.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.client.ClientServices;
import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.assistant.Assistant;
import dev.sessiondesk.app.assistant.AssistantSettings;
import dev.sessiondesk.app.assistant.Cancellation;
import dev.sessiondesk.app.assistant.ChatTurn;
import dev.sessiondesk.app.chat.AssistantReplies;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edit, regenerate, hide + Undo and the branch switcher, driven through the window's view model
 * without a window, over a real store and the real reply service (a counting test assistant).
 */
class ConversationActionsTest {
    @TempDir
    Path dir;
    SessionDesk desk;
    ClientServices services;
    ChatViewModel vm;
    ConversationActions actions;
    final List<Fingerprint> bindings = new CopyOnWriteArrayList<>();
    final List<List<ChatTurn>> sent = new CopyOnWriteArrayList<>();
    final AtomicInteger replies = new AtomicInteger();
    String original;

    @BeforeEach
    void open() {
        desk = SessionDesk.open(dir.resolve("data"));
        services = new ClientServices(desk, new ClientServices.Timings(Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofHours(1)), (d, changes) -> new AssistantReplies(d.replies(), changes));
        desk.assistants().use(AssistantSettings.offline(), new Assistant() {
            @Override
            public void streamReply(List<ChatTurn> conversation, DeltaSink sink, Cancellation cancellation) {
                sent.add(List.copyOf(conversation));
                sink.delta("reply number " + replies.incrementAndGet());
            }

            @Override
            public String describe() {
                return "a counting test assistant";
            }
        });
        WindowContext context = new WindowContext() {
            @Override
            public Set<String> sessionsShownElsewhere(String windowId) {
                return Set.of();
            }

            @Override
            public boolean focusWindowShowing(String sessionId, String askingWindowId) {
                return false;
            }

            @Override
            public void bindingChanged(ChatViewModel window) {
                bindings.add(window.fingerprintProperty().get());
            }

            @Override
            public void sessionsChanged() {
            }
        };
        vm = new ChatViewModel("w1", services.chatPorts(), TaskRunner.sameThread(), context, (delay, action) -> { },
                Clock.systemDefaultZone());
        original = desk.sessions().create("Trip", null).id();
        append(original, Role.USER, "Plan a day in Lisbon");
        append(original, Role.ASSISTANT, "Start at Belém");
        append(original, Role.USER, "And the evening?");
        append(original, Role.ASSISTANT, "Fado in Alfama");
        vm.show(desk.sessions().require(original), desk.store().messages().list(original));
        actions = vm.messageActions();
    }

    @AfterEach
    void close() {
        services.close();
        desk.close();
    }

    private void append(String sid, Role role, String text) {
        desk.sessions().append(sid, NewMessage.text(role, text));
    }

    @Test
    void editMakesABranchWithTheOriginalsPrefixAndLeavesTheOriginalUntouchedAndVerifying() {
        List<Message> before = desk.store().messages().list(original);

        actions.editAndResend(3, "And the night?");
        String branch = vm.sessionId();
        awaitReplyEnded(branch, 4);

        assertThat(branch).as("the window moved to the branch").isNotEqualTo(original);
        List<Message> forked = desk.store().messages().list(branch);
        assertThat(forked).hasSize(4);
        assertThat(forked.subList(0, 2)).extracting(Message::hash)
                .containsExactlyElementsOf(before.subList(0, 2).stream().map(Message::hash).toList());
        assertThat(forked.subList(0, 2)).extracting(Message::contentJson)
                .containsExactlyElementsOf(before.subList(0, 2).stream().map(Message::contentJson).toList());
        assertThat(ContentItems.plainText(forked.get(2).contentJson())).isEqualTo("And the night?");
        assertThat(forked.get(3).role()).isEqualTo(Role.ASSISTANT);
        assertThat(forked.get(3).state()).isEqualTo(MessageState.COMPLETE);
        assertThat(ContentItems.plainText(forked.get(3).contentJson())).isEqualTo("reply number 1");
        assertThat(sent.get(0)).extracting(ChatTurn::text)
                .containsExactly("Plan a day in Lisbon", "Start at Belém", "And the night?");

        assertThat(desk.store().messages().list(original)).as("the original is not rewritten").isEqualTo(before);
        assertThat(desk.store().verifier().verifySession(original).ok()).isTrue();
        assertThat(desk.store().verifier().verifySession(branch).ok()).isTrue();
        Session b = desk.sessions().require(branch);
        assertThat(b.parentSessionId()).isEqualTo(original);
        assertThat(b.parentSeq()).isEqualTo(2);

        vm.refresh();
        assertThat(vm.messages()).extracting(Message::seq).containsExactly(1, 2, 3, 4);
        assertThat(actions.branchAt(3)).contains(new MessageActions.BranchPosition(2, 2));
        assertThat(actions.branchAt(2)).isEmpty();
        assertThat(actions.branchAt(4)).isEmpty();
    }

    @Test
    void switchBranchMovesTheWindowBetweenTheAlternativesAndKeepsItsFingerprintRight() {
        actions.editAndResend(3, "And the night?");
        String branch = vm.sessionId();
        awaitReplyEnded(branch, 4);
        vm.refresh();

        actions.switchBranch(3, -1);
        assertThat(vm.sessionId()).isEqualTo(original);
        assertThat(vm.messages()).isEqualTo(desk.store().messages().list(original));
        assertThat(vm.fingerprintProperty().get()).isEqualTo(desk.sessions().require(original).fingerprint());
        assertThat(bindings.get(bindings.size() - 1)).isEqualTo(desk.sessions().require(original).fingerprint());
        assertThat(actions.branchAt(3)).contains(new MessageActions.BranchPosition(1, 2));

        actions.switchBranch(3, -1); // already the first: stays
        assertThat(vm.sessionId()).isEqualTo(original);

        actions.switchBranch(3, +1);
        assertThat(vm.sessionId()).isEqualTo(branch);
        assertThat(vm.fingerprintProperty().get()).isEqualTo(desk.sessions().require(branch).fingerprint());
        assertThat(actions.branchAt(3)).contains(new MessageActions.BranchPosition(2, 2));
    }

    @Test
    void regenerateTwiceGivesThreeSiblingRepliesAtTheSamePoint() {
        List<Integer> switcherChanges = new java.util.concurrent.CopyOnWriteArrayList<>();
        actions.watchBranches(switcherChanges::add);
        actions.regenerate(4);
        String first = vm.sessionId();
        awaitReplyEnded(first, 4);
        assertThat(first).isNotEqualTo(original);
        assertThat(sent.get(0)).extracting(ChatTurn::text)
                .containsExactly("Plan a day in Lisbon", "Start at Belém", "And the evening?");

        actions.regenerate(4); // from the branch: the new one is still a sibling at the same point
        String second = vm.sessionId();
        awaitReplyEnded(second, 4);

        assertThat(second).isNotIn(original, first);
        assertThat(desk.sessions().require(second).parentSessionId()).isEqualTo(original);
        assertThat(desk.sessions().require(second).parentSeq()).isEqualTo(3);
        assertThat(ContentItems.plainText(desk.store().messages().get(second, 4).orElseThrow().contentJson()))
                .isEqualTo("reply number 2");
        assertThat(ContentItems.plainText(desk.store().messages().get(original, 4).orElseThrow().contentJson()))
                .isEqualTo("Fado in Alfama");
        assertThat(actions.branchAt(4)).contains(new MessageActions.BranchPosition(3, 3));
        assertThat(switcherChanges).as("the transcript is told each time the switcher at 4 changes").contains(4).hasSizeGreaterThanOrEqualTo(2);
        actions.switchBranch(4, -1);
        assertThat(vm.sessionId()).isEqualTo(first);
        assertThat(actions.branchAt(4)).contains(new MessageActions.BranchPosition(2, 3));
        for (String id : List.of(original, first, second)) {
            assertThat(desk.store().verifier().verifySession(id).ok()).as(id).isTrue();
        }
    }

    @Test
    void editingTheFirstMessageBranchesBeforeEverything() {
        actions.editAndResend(1, "Plan a day in Porto");
        String branch = vm.sessionId();
        awaitReplyEnded(branch, 2);
        assertThat(desk.store().messages().list(branch)).extracting(m -> ContentItems.plainText(m.contentJson()))
                .containsExactly("Plan a day in Porto", "reply number 1");
        vm.refresh();
        assertThat(actions.branchAt(1)).contains(new MessageActions.BranchPosition(2, 2));
        assertThat(desk.store().verifier().verifySession(branch).ok()).isTrue();
    }

    @Test
    void hideFlagsTheMessageWithoutTouchingItsRowAndUndoShowsItAgain() {
        Message stored = desk.store().messages().get(original, 2).orElseThrow();

        actions.hide(2);
        assertThat(vm.messages().get(1).userVisible()).isFalse();
        assertThat(vm.messages().get(1).agentVisible()).isFalse();
        assertThat(actions.undoableHideProperty().get()).isEqualTo(new ConversationActions.UndoableHide(original, 2));
        assertThat(desk.store().messages().get(original, 2)).contains(stored);
        assertThat(desk.store().verifier().verifySession(original).ok()).isTrue();
        assertThat(services.branches().view(original).messages().get(1).userVisible())
                .as("a window opened later shows it hidden too").isFalse();

        append(original, Role.USER, "Anything else?");
        services.replies().retry(original);
        awaitReplyEnded(original, 6);
        assertThat(sent.get(0)).extracting(ChatTurn::text).as("the hidden message is not sent")
                .containsExactly("Plan a day in Lisbon", "And the evening?", "Fado in Alfama", "Anything else?");

        vm.refresh();
        actions.undoHide();
        assertThat(vm.messages().get(1)).isEqualTo(stored);
        assertThat(actions.undoableHideProperty().get()).isNull();
        assertThat(services.branches().view(original).messages().get(1)).isEqualTo(stored);
    }

    @Test
    void aReplyStillStreamingCannotBeHiddenAndSaysWhy() {
        var stream = desk.store().messages().beginStreaming(original, NewMessage.text(Role.ASSISTANT, "part"));
        vm.refresh();
        actions.hide(stream.seq());
        assertThat(vm.status().kindProperty().get()).isEqualTo(StatusKind.ERROR);
        assertThat(vm.status().textProperty().get()).contains("message 5").contains("reply must end");
    }

    private void awaitReplyEnded(String sid, int count) {
        await(() -> !services.replies().replying(sid) && desk.sessions().require(sid).messageCount() >= count);
    }

    static void await(BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 30 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static List<String> texts(List<Message> messages) {
        List<String> out = new ArrayList<>();
        messages.forEach(m -> out.add(ContentItems.plainText(m.contentJson())));
        return out;
    }
}
