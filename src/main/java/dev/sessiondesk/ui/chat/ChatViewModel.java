package dev.sessiondesk.ui.chat;

import dev.sessiondesk.app.chat.Conversation;
import dev.sessiondesk.app.chat.SessionEditing;
import dev.sessiondesk.app.chat.SessionReading;
import dev.sessiondesk.app.client.ChatPorts;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.OneAtATime;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.app.windows.ActiveSessionTracker;
import dev.sessiondesk.app.windows.FingerprintCheck;
import dev.sessiondesk.app.windows.NewChatRule;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.ui.i18n.Texts;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat window's conversation, without any window: which session it shows, its messages, the
 * restore banner, and moving between sessions (open, New Chat, trash and undo, refresh). Its other
 * parts sit beside it: the {@link #composer()}, the {@link #replyBar()}, the {@link #sessionActions()}
 * on any session and the {@link #status()} line. Every store access runs through the
 * {@link TaskRunner}; results arrive on its callback executor (the FX thread in the app, the same
 * thread in tests). Every action is bound to the session id it started with, so a late result never
 * lands in a window that has since switched to another session (promise P5).
 */
public final class ChatViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(ChatViewModel.class);
    private static final Texts T = Texts.of("app");

    private final String windowId;
    private final SessionReading reading;
    private final SessionEditing editing;
    private final NewChatRule newChatRule;
    private final ActiveSessionTracker active;
    private final TaskRunner runner;
    private final WindowContext context;
    private final StatusLine status;
    private final Composer composer;
    private final ReplyBar replyBar;
    private final SessionActions sessionActions;
    private final ConversationActions messageActions;

    private final SimpleStringProperty sessionId = new SimpleStringProperty();
    private final SimpleStringProperty title = new SimpleStringProperty("SessionDesk");
    private final ObservableList<Message> messages = FXCollections.observableArrayList();
    private final SimpleObjectProperty<Banner> banner = new SimpleObjectProperty<>();
    private final SimpleObjectProperty<Fingerprint> fingerprint = new SimpleObjectProperty<>(Fingerprint.empty());
    private final SimpleStringProperty undoableTrash = new SimpleStringProperty();
    private final BooleanProperty sidebarShown = new SimpleBooleanProperty(true);
    private final BooleanProperty showHidden = new SimpleBooleanProperty();
    private final SearchTarget searchTarget = new SearchTarget();
    private final OneAtATime refreshes = new OneAtATime(this::readNewMessages);

    public ChatViewModel(String windowId, ChatPorts ports, TaskRunner runner, WindowContext context,
                         RetryScheduler retries, Clock clock) {
        this.windowId = windowId;
        this.reading = ports.reading();
        this.editing = ports.editing();
        this.newChatRule = ports.newChat();
        this.active = ports.active();
        this.runner = runner;
        this.context = context;
        this.status = new StatusLine(windowId, clock);
        this.replyBar = new ReplyBar(this, ports.replies(), status, runner);
        this.composer = new Composer(this, ports.appending(), ports.reading(), ports.replies(), ports.drafts(), status,
                runner, retries, ports.assistants());
        this.sessionActions = new SessionActions(this, ports.editing(), ports.exporter(), status, runner);
        this.messageActions = new ConversationActions(new ViewModelWindow(this, context), ports.branches(), runner);
    }

    // ---- what a restore or a new window starts with --------------------------------------------

    /** Shows a session that passed its check (or a brand-new one) with its messages. */
    public void show(Session session, List<Message> loaded) {
        banner.set(null);
        sessionId.set(session.id());
        title.set(session.displayTitle());
        messages.setAll(loaded);
        fingerprint.set(Fingerprint.ofShown(loaded));
        status.messageCount(session.messageCount());
        replyBar.update();
        context.bindingChanged(this);
    }

    void show(Conversation c) {
        show(c.session(), c.messages());
    }

    /** The remembered session failed its check: show the banner and no content. */
    public void showProblem(String remembered, Fingerprint rememberedFingerprint, FingerprintCheck.Result result) {
        sessionId.set(remembered);
        fingerprint.set(rememberedFingerprint);
        messages.clear();
        title.set(result.session() != null ? result.session().displayTitle() : T.get("banner.missingTitle"));
        banner.set(BannerText.of(remembered, result));
        status.report(StatusKind.ERROR, BannerText.waiting(result));
        context.bindingChanged(this);
    }

    // ---- banner choices --------------------------------------------------------------------------

    /** "Open stored session": show what the store holds now and remember its new fingerprint. */
    public void openStoredSession() {
        Banner b = banner.get();
        if (b == null) {
            return;
        }
        var elsewhere = context.sessionsShownElsewhere(windowId);
        BackgroundTask.supply("open the stored session " + b.sessionId(), () -> {
                    if (reading.find(b.sessionId()).isPresent() && !elsewhere.contains(b.sessionId())) {
                        return reading.open(b.sessionId());
                    }
                    return new Conversation(newChatRule.newChat(null, elsewhere), List.of()); // nothing to open
                })
                .onSuccess(c -> {
                    show(c);
                    context.sessionsChanged();
                })
                .onError(status::error)
                .executeWith(runner);
    }

    // ---- moving between sessions -----------------------------------------------------------------

    /** New Chat (Ctrl+T): reuse this window's own empty session, or start a new one. */
    public void newChat() {
        String current = banner.get() == null ? sessionId.get() : null;
        var elsewhere = context.sessionsShownElsewhere(windowId);
        BackgroundTask.supply("start a new chat", () -> newChatRule.newChat(current, elsewhere))
                .onSuccess(session -> {
                    show(session, List.of());
                    context.sessionsChanged();
                })
                .onError(status::error)
                .executeWith(runner);
    }

    /** Shows another session here, unless another window shows it already (then that one is focused). */
    public void open(String otherSessionId) {
        if (Objects.equals(otherSessionId, sessionId.get()) && banner.get() == null) {
            return;
        }
        if (context.focusWindowShowing(otherSessionId, windowId)) {
            return;
        }
        switchTo(otherSessionId);
    }

    /** Opens a session (here, or focuses the window showing it) at message {@code seq}, {@code words} marked. */
    public void openAt(String otherSessionId, int seq, List<String> words) {
        searchTarget.request(seq, words);
        if (otherSessionId.equals(sessionId.get()) && banner.get() == null) {
            return;
        }
        if (context.focusWindowShowing(otherSessionId, windowId)) {
            searchTarget.clear();
            return;
        }
        switchTo(otherSessionId);
    }

    private void switchTo(String id) {
        BackgroundTask.supply("open session " + id, () -> NewestFirst.read(reading, id))
                .onSuccess(c -> NewestFirst.thenOlder(this, c, reading, runner, messages))
                .onError(error -> {
                    if (sessionId.get() == null) {
                        newChat(); // a new window asked for a session that is not there: never leave it empty
                    }
                    status.error(error);
                })
                .executeWith(runner);
    }

    /** Delete to Trash: the window moves on to a new chat; {@link #undoTrash()} brings it back. */
    public void trash() {
        String sid = sessionId.get();
        if (sid == null || banner.get() != null) {
            return;
        }
        var elsewhere = context.sessionsShownElsewhere(windowId);
        BackgroundTask.supply("move session " + sid + " to the trash", () -> {
                    editing.trash(sid);
                    return newChatRule.newChat(sid, elsewhere);
                })
                .onSuccess(next -> {
                    show(next, List.of());
                    undoableTrash.set(sid);
                    status.report(StatusKind.INFO, T.get("status.trashed"));
                    context.sessionsChanged();
                })
                .onError(status::error)
                .executeWith(runner);
    }

    public void undoTrash() {
        String sid = undoableTrash.get();
        if (sid == null) {
            return;
        }
        undoableTrash.set(null);
        BackgroundTask.supply("restore session " + sid + " from the trash", () -> {
                    editing.restore(sid);
                    return reading.open(sid);
                })
                .onSuccess(c -> {
                    show(c);
                    status.report(StatusKind.INFO, T.get("status.untrashed"));
                    context.sessionsChanged();
                })
                .onError(status::error)
                .executeWith(runner);
    }

    /**
     * Reads what was added to this session since it was shown (another client, an assistant reply,
     * a streaming reply's progress) and shows it. Cheap when nothing changed.
     */
    public void refresh() {
        refreshes.request();
    }

    private void readNewMessages(Runnable finished) {
        String sid = sessionId.get();
        if (sid == null || banner.get() != null || composer.sendingProperty().get()) {
            finished.run();
            return;
        }
        int fromSeq = nextSeqToRead();
        BackgroundTask.supply("read new messages of session " + sid,
                        () -> new Conversation(reading.require(sid), reading.readFrom(sid, fromSeq)))
                .onSuccess(c -> {
                    if (!sid.equals(sessionId.get())) {
                        return; // the window moved on meanwhile
                    }
                    title.set(c.session().displayTitle()); // renamed elsewhere, or titled in the background
                    if (!c.messages().isEmpty() && !composer.sendingProperty().get()) {
                        merge(fromSeq, c.messages());
                    }
                    replyBar.update();
                })
                .onError(e -> LOG.debug("refresh of session {} failed: {}", sid, e.getMessage()))
                .onFinally(finished)
                .executeWith(runner);
    }

    /** Marks the focused window's session as the store's active one. */
    public void focused() {
        String sid = sessionId.get();
        if (sid == null || banner.get() != null) {
            return;
        }
        BackgroundTask.supply("mark session " + sid + " active", () -> active.focused(sid))
                .onError(e -> LOG.warn("cannot mark session {} active: {}", sid, e.getMessage()))
                .executeWith(runner);
    }

    // ---- for the window's other parts ------------------------------------------------------------

    /** The first seq to read again: the first streaming message shown, or the one after the last. */
    int nextSeqToRead() {
        for (Message m : messages) {
            if (m.state() == MessageState.STREAMING) {
                return m.seq();
            }
        }
        return messages.isEmpty() ? 1 : messages.get(messages.size() - 1).seq() + 1;
    }

    /**
     * Brings the shown messages from {@code fromSeq} on up to date with {@code fresh}, touching only
     * what changed: a streaming reply is replaced in place (one cell re-renders) and new messages are
     * appended. Replacing the whole tail on every checkpoint made every visible cell rebuild its nodes
     * many times a second while replies streamed, which stalled the FX thread for seconds.
     */
    void merge(int fromSeq, List<Message> fresh) {
        int start = 0;
        while (start < messages.size() && messages.get(start).seq() < fromSeq) {
            start++;
        }
        int i = 0;
        for (; i < fresh.size() && start + i < messages.size(); i++) {
            Message now = fresh.get(i);
            if (!now.equals(messages.get(start + i))) {
                messages.set(start + i, now);
            }
        }
        if (start + i < messages.size()) {
            messages.remove(start + i, messages.size()); // rows that are gone (e.g. the store was restored)
        }
        if (i < fresh.size()) {
            messages.addAll(fresh.subList(i, fresh.size()));
        }
        fingerprint.set(Fingerprint.ofShown(messages));
        context.bindingChanged(this);
    }

    /** A session was renamed: its new title shows here when it is this window's. */
    void titleChanged(Session renamed) {
        if (renamed.id().equals(sessionId.get())) {
            title.set(renamed.displayTitle());
        }
    }

    void sessionsChanged() {
        context.sessionsChanged();
    }

    // ---- parts and properties ----------------------------------------------------------------------

    public Composer composer() {
        return composer;
    }

    /** Where this window's background work runs (the transcript renders older pages there too). */
    public TaskRunner tasks() {
        return runner;
    }

    public ReplyBar replyBar() {
        return replyBar;
    }

    /** Edit, regenerate, hide and the branch switcher (the transcript calls these). */
    public ConversationActions messageActions() {
        return messageActions;
    }

    public SessionActions sessionActions() {
        return sessionActions;
    }

    public StatusLine status() {
        return status;
    }

    public String windowId() {
        return windowId;
    }

    public ReadOnlyStringProperty sessionIdProperty() {
        return sessionId;
    }

    public String sessionId() {
        return sessionId.get();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title;
    }

    public ObservableList<Message> messages() {
        return messages;
    }

    public ReadOnlyObjectProperty<Banner> bannerProperty() {
        return banner;
    }

    public ObjectProperty<Fingerprint> fingerprintProperty() {
        return fingerprint;
    }

    public ReadOnlyStringProperty undoableTrashProperty() {
        return undoableTrash;
    }

    /** View → Show hidden messages: messages meant for the agent only are shown too. */
    public BooleanProperty showHiddenProperty() {
        return showHidden;
    }

    /** The message a search asked to show; the window scrolls there once it is loaded. */
    public SearchTarget searchTarget() {
        return searchTarget;
    }

    public BooleanProperty sidebarShownProperty() {
        return sidebarShown;
    }
}
