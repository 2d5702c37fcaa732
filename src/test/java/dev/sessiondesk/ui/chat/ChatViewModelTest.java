package dev.sessiondesk.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.client.ClientServices;
import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.chat.ReplyStarter;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.app.windows.BehindTheAppsBack;
import dev.sessiondesk.app.windows.FingerprintCheck;
import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chat window's behaviour without a window: same-thread tasks over a real store. */
class ChatViewModelTest {
    @TempDir
    Path dir;
    SessionDesk desk;
    ClientServices services;
    final List<Runnable> scheduledRetries = new ArrayList<>();
    final List<String> repliesStartedFor = new ArrayList<>();
    final List<ChatViewModel> windows = new ArrayList<>();

    final WindowContext context = new WindowContext() {
        @Override
        public Set<String> sessionsShownElsewhere(String windowId) {
            Set<String> out = new HashSet<>();
            for (ChatViewModel w : windows) {
                if (!w.windowId().equals(windowId) && w.sessionId() != null) {
                    out.add(w.sessionId());
                }
            }
            return out;
        }

        @Override
        public boolean focusWindowShowing(String sessionId, String askingWindowId) {
            return windows.stream().anyMatch(w -> sessionId.equals(w.sessionId()) && !w.windowId().equals(askingWindowId));
        }

        @Override
        public void bindingChanged(ChatViewModel window) {
        }

        @Override
        public void sessionsChanged() {
        }
    };

    void open(Store.Options options) {
        desk = SessionDesk.open(dir, options);
        ReplyStarter starter = (sessionId, committed) -> {
            // The seam is called only after the commit: the message is already in the store.
            assertThat(desk.store().messages().get(sessionId, committed.seq())).isPresent();
            repliesStartedFor.add(sessionId + "#" + committed.seq());
        };
        services = new ClientServices(desk, new ClientServices.Timings(Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofHours(1)), (d, changes) -> starter);
    }

    ChatViewModel window(String id) {
        ChatViewModel vm = new ChatViewModel(id, services.chatPorts(), TaskRunner.sameThread(), context,
                (delay, action) -> scheduledRetries.add(action), Clock.systemDefaultZone());
        windows.add(vm);
        return vm;
    }

    @AfterEach
    void close() {
        if (services != null) {
            services.abandon();
        }
        if (desk != null) {
            desk.close();
        }
    }

    @Test
    void newChatInTwoWindowsGivesDistinctSessionsAndReusesOnlyTheWindowsOwnEmptyOne() {
        open(Store.Options.defaults());
        ChatViewModel a = window("wa");
        ChatViewModel b = window("wb");
        a.newChat();
        b.newChat();
        assertThat(a.sessionId()).isNotNull();
        assertThat(b.sessionId()).isNotNull().isNotEqualTo(a.sessionId());

        String aFirst = a.sessionId();
        a.newChat();
        assertThat(a.sessionId()).as("own empty session is reused").isEqualTo(aFirst);

        a.composer().textProperty().set("hello");
        a.composer().send();
        a.newChat();
        assertThat(a.sessionId()).isNotEqualTo(aFirst).isNotEqualTo(b.sessionId());
        assertThat(desk.store().sessions().count(false)).isEqualTo(3);
    }

    @Test
    void aMessageShowsAsSentOnlyAfterTheCommitAndThenTheReplySeamIsCalled() {
        open(Store.Options.defaults());
        ChatViewModel a = window("wa");
        a.newChat();
        a.composer().textProperty().set("  What changed in 0.2?\nAnd why?  ");
        a.composer().send();
        assertThat(a.messages()).hasSize(1);
        Message shown = a.messages().get(0);
        assertThat(desk.store().messages().list(a.sessionId())).containsExactly(shown);
        assertThat(shown.contentJson()).contains("What changed in 0.2?\\nAnd why?");
        assertThat(a.composer().textProperty().get()).isEmpty();
        assertThat(a.status().textProperty().get()).matches("Saved \\d\\d:\\d\\d:\\d\\d");
        assertThat(a.status().kindProperty().get()).isEqualTo(StatusKind.SAVED);
        assertThat(repliesStartedFor).containsExactly(a.sessionId() + "#1");
        assertThat(a.fingerprintProperty().get()).isEqualTo(desk.store().sessions().require(a.sessionId()).fingerprint());
    }

    @Test
    void aLockedStoreKeepsTheTextSaysSoAndTheRetrySendsIt() throws Exception {
        open(Store.Options.defaults().withBusyTimeout(200));
        ChatViewModel a = window("wa");
        a.newChat();
        try (AutoCloseable lock = BehindTheAppsBack.holdWriteLock(dir)) {
            a.composer().textProperty().set("do not lose me");
            a.composer().send();
            assertThat(a.messages()).isEmpty();
            assertThat(a.composer().textProperty().get()).isEqualTo("do not lose me");
            assertThat(a.status().textProperty().get()).isEqualTo("Store locked by another program — retrying");
            assertThat(a.status().kindProperty().get()).isEqualTo(StatusKind.ERROR);
            assertThat(scheduledRetries).hasSize(1);
            assertThat(repliesStartedFor).isEmpty();
        }
        scheduledRetries.remove(0).run();
        assertThat(a.messages()).hasSize(1);
        assertThat(a.composer().textProperty().get()).isEmpty();
        assertThat(desk.store().messages().list(a.sessionId())).hasSize(1);
    }

    @Test
    void aMessageOverTheSizeLimitIsNotSentKeepsTheTextAndSaysTheLimit() {
        open(Store.Options.defaults());
        ChatViewModel a = window("wa");
        a.newChat();
        String pasted = "p".repeat(5 * 1024 * 1024); // issue 18 item 8: a 5 MB paste
        a.composer().textProperty().set(pasted);
        a.composer().send();
        assertThat(a.messages()).isEmpty();
        assertThat(desk.store().messages().list(a.sessionId())).isEmpty();
        assertThat(a.composer().textProperty().get()).isEqualTo(pasted);
        assertThat(a.status().textProperty().get()).isEqualTo("Not sent: one message can hold at most 4.0 MB of text."
                + " Your text is kept here; split it into several messages");
        assertThat(scheduledRetries).as("not retried: it cannot succeed").isEmpty();
        assertThat(repliesStartedFor).isEmpty();
    }

    @Test
    void draftsFollowTheComposer() {
        open(Store.Options.defaults());
        ChatViewModel a = window("wa");
        a.newChat();
        a.composer().textProperty().set("half a thought");
        services.drafts().flush();
        assertThat(desk.store().drafts().get("wa")).get().extracting(d -> d.text()).isEqualTo("half a thought");
        a.composer().send();
        services.drafts().flush();
        assertThat(desk.store().drafts().get("wa")).isEmpty();
    }

    @Test
    void openingASessionShownElsewhereLeavesThisWindowAlone() {
        open(Store.Options.defaults());
        ChatViewModel a = window("wa");
        ChatViewModel b = window("wb");
        a.newChat();
        b.newChat();
        String bSession = b.sessionId();
        String aSession = a.sessionId();
        a.open(bSession);
        assertThat(a.sessionId()).isEqualTo(aSession);
        Session other = desk.store().sessions().create(NewSession.titled("Other", null));
        a.open(other.id());
        assertThat(a.sessionId()).isEqualTo(other.id());
        assertThat(a.titleProperty().get()).isEqualTo("Other");
    }

    @Test
    void trashMovesTheWindowOnAndUndoBringsTheSessionBack() {
        open(Store.Options.defaults());
        ChatViewModel a = window("wa");
        a.newChat();
        a.composer().textProperty().set("keep me");
        a.composer().send();
        String trashed = a.sessionId();
        a.trash();
        assertThat(a.sessionId()).isNotEqualTo(trashed);
        assertThat(desk.store().sessions().require(trashed).inTrash()).isTrue();
        assertThat(a.undoableTrashProperty().get()).isEqualTo(trashed);
        a.undoTrash();
        assertThat(a.sessionId()).isEqualTo(trashed);
        assertThat(desk.store().sessions().require(trashed).inTrash()).isFalse();
        assertThat(a.messages()).hasSize(1);
    }

    @Test
    void aMismatchShowsTheBannerAndNoContentUntilTheUserChooses() {
        open(Store.Options.defaults());
        Session s = desk.store().sessions().create(NewSession.blank());
        AppendResult r = desk.store().messages().append(s.id(), NewMessage.text(Role.USER, "original"));
        Fingerprint remembered = new Fingerprint(r.seq(), "f".repeat(64));
        FingerprintCheck.Result check = services.fingerprints().check(s.id(), remembered);
        ChatViewModel a = window("wa");
        a.showProblem(s.id(), remembered, check);
        assertThat(a.bannerProperty().get()).isNotNull();
        assertThat(a.messages()).isEmpty();
        a.composer().textProperty().set("typed anyway");
        a.composer().send();
        assertThat(desk.store().messages().list(s.id())).hasSize(1);
        a.openStoredSession();
        assertThat(a.bannerProperty().get()).isNull();
        assertThat(a.messages()).hasSize(1);
        assertThat(a.fingerprintProperty().get()).isEqualTo(desk.store().sessions().require(s.id()).fingerprint());
    }

    @Test
    void refreshShowsMessagesOtherProgramsAdded() {
        open(Store.Options.defaults());
        ChatViewModel a = window("wa");
        a.newChat();
        desk.store().messages().append(a.sessionId(), NewMessage.text(Role.ASSISTANT, "from another client"));
        a.refresh();
        assertThat(a.messages()).extracting(Message::seq).containsExactly(1);
    }

    @Test
    void aLongSessionOpensWithItsNewestMessagesAndGetsTheOlderOnesJustAfter() {
        open(Store.Options.defaults());
        var s = desk.sessions().create("Long", null);
        int total = NewestFirst.FIRST + 150;
        for (int i = 1; i <= total; i++) {
            desk.store().messages().append(s.id(), NewMessage.text(i % 2 == 1 ? Role.USER : Role.ASSISTANT, "m" + i));
        }
        java.util.Queue<Runnable> background = new java.util.ArrayDeque<>();
        ChatViewModel vm = new ChatViewModel("wl", services.chatPorts(), new TaskRunner(background::add, Runnable::run),
                context, (delay, action) -> scheduledRetries.add(action), Clock.systemDefaultZone());
        windows.add(vm);
        vm.open(s.id());
        background.poll().run(); // the first read: the newest messages only
        assertThat(vm.messages()).hasSize(NewestFirst.FIRST);
        assertThat(vm.messages().get(0).seq()).isEqualTo(total - NewestFirst.FIRST + 1);
        assertThat(vm.messages().get(NewestFirst.FIRST - 1).seq()).isEqualTo(total);
        while (!background.isEmpty()) {
            background.poll().run(); // the older ones, put in front
        }
        assertThat(vm.messages()).hasSize(total);
        for (int i = 0; i < total; i++) {
            assertThat(vm.messages().get(i).seq()).isEqualTo(i + 1);
        }
    }
}

