package dev.sessiondesk.ui.chat;

import dev.sessiondesk.app.ClientServices;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.app.windows.FingerprintCheck;
import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat window's state and actions, without any window: which session it shows, its messages,
 * the composer, the status line and the restore banner. Every store access runs through the
 * {@link TaskRunner}; results arrive on its callback executor (the FX thread in the app, the same
 * thread in tests). Every action is bound to the session id it started with, so a late result never
 * lands in a window that has since switched to another session (promise P5).
 */
public final class ChatViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(ChatViewModel.class);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    static final Duration RETRY_DELAY = Duration.ofSeconds(2);

    private final String windowId;
    private final ClientServices services;
    private final TaskRunner runner;
    private final WindowContext context;
    private final RetryScheduler retries;
    private final Clock clock;

    private final SimpleStringProperty sessionId = new SimpleStringProperty();
    private final SimpleStringProperty title = new SimpleStringProperty("SessionDesk");
    private final ObservableList<Message> messages = FXCollections.observableArrayList();
    private final StringProperty composerText = new SimpleStringProperty("");
    private final SimpleStringProperty status = new SimpleStringProperty("Opening…");
    private final SimpleObjectProperty<StatusKind> statusKind = new SimpleObjectProperty<>(StatusKind.INFO);
    private final SimpleObjectProperty<Banner> banner = new SimpleObjectProperty<>();
    private final SimpleBooleanProperty sending = new SimpleBooleanProperty();
    private final SimpleObjectProperty<Fingerprint> fingerprint = new SimpleObjectProperty<>(Fingerprint.empty());
    private final SimpleStringProperty undoableTrash = new SimpleStringProperty();
    private final BooleanProperty sidebarShown = new SimpleBooleanProperty(true);
    private boolean retryScheduled;
    private final SimpleBooleanProperty replying = new SimpleBooleanProperty();
    private final SimpleStringProperty replyProblem = new SimpleStringProperty();
    private final SimpleBooleanProperty replyInterrupted = new SimpleBooleanProperty();
    private final BooleanProperty showHidden = new SimpleBooleanProperty();
    private final javafx.beans.property.SimpleIntegerProperty scrollTarget = new javafx.beans.property.SimpleIntegerProperty(-1);
    private boolean refreshing;
    private boolean refreshAgain;

    public ChatViewModel(String windowId, ClientServices services, TaskRunner runner, WindowContext context,
                         RetryScheduler retries, Clock clock) {
        this.windowId = windowId;
        this.services = services;
        this.runner = runner;
        this.context = context;
        this.retries = retries;
        this.clock = clock;
        composerText.addListener((obs, old, text) -> services.drafts().update(windowId, text));
    }

    // ---- what a restore or a new window starts with --------------------------------------------

    /** Shows a session that passed its check (or a brand-new one) with its messages. */
    public void show(Session session, List<Message> loaded) {
        banner.set(null);
        sessionId.set(session.id());
        title.set(session.displayTitle());
        messages.setAll(loaded);
        fingerprint.set(fingerprintOf(loaded));
        setStatus(StatusKind.INFO, session.messageCount() + " messages");
        updateReplyState();
        context.bindingChanged(this);
    }

    /** The remembered session failed its check: show the banner and no content. */
    public void showProblem(String remembered, Fingerprint rememberedFingerprint, FingerprintCheck.Result result) {
        sessionId.set(remembered);
        fingerprint.set(rememberedFingerprint);
        messages.clear();
        title.set(result.session() != null ? result.session().displayTitle() : "Missing session");
        String headline = result.verdict() == FingerprintCheck.Verdict.MISSING
                ? "The conversation this window showed is no longer in the store."
                : "The conversation this window showed was changed outside SessionDesk.";
        banner.set(new Banner(remembered, headline, result.detail()));
        setStatus(StatusKind.ERROR, "Not showing session " + remembered + " until you choose");
        context.bindingChanged(this);
    }

    /** Restores the unsent text after a restart. */
    public void restoreDraft(String text) {
        composerText.set(text == null ? "" : text);
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
                    var stored = services.desk().sessions().find(b.sessionId());
                    if (stored.isPresent() && !elsewhere.contains(b.sessionId())) {
                        return new Loaded(stored.get(), services.desk().store().messages().list(b.sessionId()));
                    }
                    return new Loaded(services.newChat().newChat(null, elsewhere), List.of()); // nothing to open
                })
                .onSuccess(l -> {
                    show(l.session(), l.messages());
                    context.sessionsChanged();
                })
                .onError(this::reportError)
                .executeWith(runner);
    }

    // ---- actions ---------------------------------------------------------------------------------

    /** Enter in the composer. The message shows as sent only after the store committed it (P1). */
    public void send() {
        String text = composerText.get();
        String sid = sessionId.get();
        if (text == null || text.isBlank() || sending.get() || sid == null || banner.get() != null) {
            return;
        }
        sending.set(true);
        setStatus(StatusKind.SAVING, "Saving…");
        int fromSeq = nextSeqToRead();
        String body = text.strip();
        BackgroundTask.supply("send a message to session " + sid, () -> {
                    AppendResult committed = services.desk().sessions().append(sid, NewMessage.text(Role.USER, body));
                    startReply(sid, committed);
                    return new Sent(committed, services.desk().store().messages().list(sid, fromSeq, Integer.MAX_VALUE));
                })
                .onSuccess(sent -> {
                    sending.set(false);
                    retryScheduled = false;
                    String now = composerText.get();
                    if (now.equals(text)) {
                        composerText.set("");
                    } else if (now.startsWith(text)) {
                        composerText.set(now.substring(text.length())); // typed on while it was saving
                    }
                    if (sid.equals(sessionId.get())) {
                        mergeFrom(fromSeq, sent.fresh());
                        context.bindingChanged(this);
                    }
                    savedNow();
                    if (sid.equals(sessionId.get())) {
                        updateReplyState();
                        refresh(); // reply progress announced while the send was finishing was skipped
                    }
                    context.sessionsChanged();
                })
                .onError(error -> {
                    sending.set(false);
                    LOG.warn("message for session {} not saved (kept in the composer): {}", sid, error.getMessage());
                    setStatus(StatusKind.ERROR, StoreErrorText.forSend(error));
                    if (StoreErrorText.isTransient(error) && !retryScheduled) {
                        retryScheduled = true;
                        retries.after(RETRY_DELAY, () -> {
                            retryScheduled = false;
                            send();
                        });
                    }
                })
                .executeWith(runner);
    }

    private void startReply(String sid, AppendResult committed) {
        try {
            services.replies().userMessageCommitted(sid, committed);
        } catch (RuntimeException e) {
            LOG.error("the reply starter failed for session {}", sid, e);
        }
    }

    private record Sent(AppendResult committed, List<Message> fresh) {
    }

    /** New Chat (Ctrl+T): reuse this window's own empty session, or start a new one. */
    public void newChat() {
        String current = banner.get() == null ? sessionId.get() : null;
        var elsewhere = context.sessionsShownElsewhere(windowId);
        BackgroundTask.supply("start a new chat", () -> services.newChat().newChat(current, elsewhere))
                .onSuccess(session -> {
                    show(session, List.of());
                    context.sessionsChanged();
                })
                .onError(this::reportError)
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

    private void switchTo(String id) {
        BackgroundTask.supply("open session " + id, () -> new Loaded(services.desk().sessions().require(id),
                        services.desk().store().messages().list(id)))
                .onSuccess(l -> show(l.session(), l.messages()))
                .onError(error -> {
                    if (sessionId.get() == null) {
                        newChat(); // a new window asked for a session that is not there: never leave it empty
                    }
                    reportError(error);
                })
                .executeWith(runner);
    }

    private record Loaded(Session session, List<Message> messages) {
    }

    public void rename(String newTitle) {
        String sid = sessionId.get();
        if (sid == null || newTitle == null || newTitle.isBlank()) {
            return;
        }
        BackgroundTask.supply("rename session " + sid, () -> services.desk().sessions().rename(sid, newTitle.strip()))
                .onSuccess(s -> {
                    if (sid.equals(sessionId.get())) {
                        title.set(s.displayTitle());
                    }
                    savedNow();
                    context.sessionsChanged();
                })
                .onError(this::reportError)
                .executeWith(runner);
    }

    /** Renames any session (the sidebar's Rename…); the title shows here if it is this window's. */
    public void renameSession(String id, String newTitle) {
        if (id == null || newTitle == null || newTitle.isBlank()) {
            return;
        }
        BackgroundTask.supply("rename session " + id, () -> services.desk().sessions().rename(id, newTitle.strip()))
                .onSuccess(s -> {
                    if (id.equals(sessionId.get())) {
                        title.set(s.displayTitle());
                    }
                    savedNow();
                    context.sessionsChanged();
                })
                .onError(this::reportError)
                .executeWith(runner);
    }

    /** Pins a session to the top of the list, or unpins it. */
    public void setPinned(String id, boolean pinned) {
        BackgroundTask.run((pinned ? "pin" : "unpin") + " session " + id,
                        () -> services.desk().store().sessions().setPinned(id, pinned))
                .onSuccess(v -> {
                    setStatus(StatusKind.SAVED, pinned ? "Pinned" : "Unpinned");
                    context.sessionsChanged();
                })
                .onError(this::reportError)
                .executeWith(runner);
    }

    /** Archives a session (out of the way, never deleted), or brings it back. */
    public void setArchived(String id, boolean archived) {
        BackgroundTask.run((archived ? "archive" : "unarchive") + " session " + id,
                        () -> services.desk().store().sessions().setArchived(id, archived))
                .onSuccess(v -> {
                    setStatus(StatusKind.SAVED, archived ? "Archived" : "Back from the archive");
                    context.sessionsChanged();
                })
                .onError(this::reportError)
                .executeWith(runner);
    }

    /** Writes this session to {@code file} (Goose JSON or Markdown) off the FX thread. */
    public void export(dev.sessiondesk.app.SessionExporter.Format format, java.nio.file.Path file) {
        String sid = sessionId.get();
        if (sid == null || banner.get() != null) {
            return;
        }
        setStatus(StatusKind.SAVING, "Exporting…");
        BackgroundTask.run("export session " + sid + " to " + file, () -> services.desk().exporter().exportTo(sid, format, file))
                .onSuccess(v -> setStatus(StatusKind.SAVED, "Exported to " + file))
                .onError(e -> setStatus(StatusKind.ERROR, "Not exported to " + file + ": " + e.getMessage()))
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
                    services.desk().sessions().trash(sid);
                    return services.newChat().newChat(sid, elsewhere);
                })
                .onSuccess(next -> {
                    show(next, List.of());
                    undoableTrash.set(sid);
                    setStatus(StatusKind.INFO, "Moved to Trash");
                    context.sessionsChanged();
                })
                .onError(this::reportError)
                .executeWith(runner);
    }

    public void undoTrash() {
        String sid = undoableTrash.get();
        if (sid == null) {
            return;
        }
        undoableTrash.set(null);
        BackgroundTask.supply("restore session " + sid + " from the trash", () -> {
                    services.desk().sessions().restore(sid);
                    return new Loaded(services.desk().sessions().require(sid), services.desk().store().messages().list(sid));
                })
                .onSuccess(l -> {
                    show(l.session(), l.messages());
                    setStatus(StatusKind.INFO, "Restored from Trash");
                    context.sessionsChanged();
                })
                .onError(this::reportError)
                .executeWith(runner);
    }

    /**
     * Reads what was added to this session since it was shown (another client, an assistant reply,
     * a streaming reply's progress) and shows it. Cheap when nothing changed.
     */
    public void refresh() {
        String sid = sessionId.get();
        if (sid == null || banner.get() != null || sending.get()) {
            return;
        }
        if (refreshing) {
            refreshAgain = true; // one read at a time, so an older read never overwrites a newer one
            return;
        }
        refreshing = true;
        int fromSeq = nextSeqToRead();
        BackgroundTask.supply("read new messages of session " + sid, () -> new Loaded(
                        services.desk().sessions().require(sid),
                        services.desk().store().messages().list(sid, fromSeq, Integer.MAX_VALUE)))
                .onSuccess(l -> {
                    refreshDone();
                    if (!sid.equals(sessionId.get())) {
                        return; // the window moved on meanwhile
                    }
                    title.set(l.session().displayTitle()); // renamed elsewhere, or titled in the background
                    if (!l.messages().isEmpty() && !sending.get()) {
                        mergeFrom(fromSeq, l.messages());
                        context.bindingChanged(this);
                    }
                    updateReplyState();
                })
                .onError(e -> {
                    refreshDone();
                    LOG.debug("refresh of session {} failed: {}", sid, e.getMessage());
                })
                .executeWith(runner);
    }

    private void refreshDone() {
        refreshing = false;
        if (refreshAgain) {
            refreshAgain = false;
            refresh();
        }
    }

    // ---- assistant replies -------------------------------------------------------------------------

    /** Reads whether a reply streams into this session, its last problem, and whether it ended cut short. */
    private void updateReplyState() {
        String sid = sessionId.get();
        if (sid == null) {
            return;
        }
        boolean now = services.replies().replying(sid);
        String problem = services.replies().problem(sid).orElse(null);
        boolean was = replying.get();
        replying.set(now);
        if (now && statusKind.get() != StatusKind.ERROR) {
            setStatus(StatusKind.INFO, "The assistant is replying… (Esc stops it)");
        } else if (was && problem == null) {
            savedNow();
        }
        replyProblem.set(now ? null : problem);
        Message last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        replyInterrupted.set(!now && last != null && last.role() == Role.ASSISTANT
                && last.state() == MessageState.INTERRUPTED);
        if (!now && problem != null) {
            setStatus(StatusKind.ERROR, "The assistant did not answer (details above; your message is saved)");
        }
    }

    /** Stop (or Esc): the partial reply is kept and marked stopped. */
    public void stopReply() {
        String sid = sessionId.get();
        if (sid != null && replying.get()) {
            services.replies().stop(sid);
        }
    }

    /** Asks again for an answer to the last message of yours. */
    public void retryReply() {
        startAgain(true);
    }

    /** Asks the assistant to carry on after an interrupted or stopped reply. */
    public void continueReply() {
        startAgain(false);
    }

    private void startAgain(boolean retry) {
        String sid = sessionId.get();
        if (sid == null || replying.get() || banner.get() != null) {
            return;
        }
        replyProblem.set(null);
        replyInterrupted.set(false);
        replying.set(true);
        setStatus(StatusKind.SAVING, retry ? "Asking again…" : "Continuing…");
        BackgroundTask.run((retry ? "retry" : "continue") + " the reply in session " + sid, () -> {
                    if (retry) {
                        services.replies().retry(sid);
                    } else {
                        services.replies().continueReply(sid);
                    }
                })
                .onSuccess(v -> refresh())
                .onError(this::reportError)
                .executeWith(runner);
    }

    /**
     * "Duplicate from this message": a new session holding this session's messages up to {@code seq};
     * {@code opened} gets its id (the window opens it in a new window).
     */
    public void forkFrom(int seq, java.util.function.Consumer<String> opened) {
        String sid = sessionId.get();
        if (sid == null || banner.get() != null) {
            return;
        }
        BackgroundTask.supply("duplicate session " + sid + " up to message " + seq,
                        () -> services.desk().sessions().fork(sid, seq))
                .onSuccess(copy -> {
                    setStatus(StatusKind.SAVED, "Duplicated into \"" + copy.displayTitle() + "\"");
                    context.sessionsChanged();
                    opened.accept(copy.id());
                })
                .onError(this::reportError)
                .executeWith(runner);
    }

    /** Opens a session (here, or focuses the window showing it) scrolled to message {@code seq}. */
    public void openAt(String otherSessionId, int seq) {
        scrollTarget.set(-1);
        scrollTarget.set(seq);
        if (otherSessionId.equals(sessionId.get()) && banner.get() == null) {
            return;
        }
        if (context.focusWindowShowing(otherSessionId, windowId)) {
            scrollTarget.set(-1);
            return;
        }
        switchTo(otherSessionId);
    }

    /** Marks the focused window's session as the store's active one. */
    public void focused() {
        String sid = sessionId.get();
        if (sid == null || banner.get() != null) {
            return;
        }
        BackgroundTask.supply("mark session " + sid + " active", () -> services.active().focused(sid))
                .onError(e -> LOG.warn("cannot mark session {} active: {}", sid, e.getMessage()))
                .executeWith(runner);
    }

    /** A draft or layout save failed in the background: say so, keep the text. */
    public void backgroundSaveFailed(RuntimeException error) {
        showingBackgroundFailure = true;
        setStatus(StatusKind.ERROR, StoreErrorText.isTransient(error)
                ? StoreErrorText.forSend(error).replace("your message", "your text")
                : "Not saved: " + error.getMessage());
    }

    private boolean showingBackgroundFailure;

    public void backgroundSaveRecovered() {
        if (showingBackgroundFailure && statusKind.get() == StatusKind.ERROR) {
            showingBackgroundFailure = false;
            savedNow();
        }
    }

    public void reportStatus(StatusKind kind, String text) {
        setStatus(kind, text);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** The first seq to read again: the first streaming message shown, or the one after the last. */
    private int nextSeqToRead() {
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
    private void mergeFrom(int fromSeq, List<Message> fresh) {
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
        fingerprint.set(fingerprintOf(messages));
    }

    static Fingerprint fingerprintOf(List<Message> shown) {
        for (int i = shown.size() - 1; i >= 0; i--) {
            Message m = shown.get(i);
            if (m.hash() != null && m.state() != MessageState.STREAMING) {
                return new Fingerprint(m.seq(), m.hash());
            }
        }
        return Fingerprint.empty();
    }

    private void savedNow() {
        setStatus(StatusKind.SAVED, "Saved " + LocalTime.now(clock).format(TIME));
    }

    private void reportError(Throwable error) {
        LOG.warn("window {}: {}", windowId, error.getMessage());
        setStatus(StatusKind.ERROR, error.getMessage());
    }

    private void setStatus(StatusKind kind, String text) {
        statusKind.set(kind);
        status.set(text);
    }

    // ---- properties --------------------------------------------------------------------------------

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

    public StringProperty composerTextProperty() {
        return composerText;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyObjectProperty<StatusKind> statusKindProperty() {
        return statusKind;
    }

    public ReadOnlyObjectProperty<Banner> bannerProperty() {
        return banner;
    }

    public ReadOnlyBooleanProperty sendingProperty() {
        return sending;
    }

    public ObjectProperty<Fingerprint> fingerprintProperty() {
        return fingerprint;
    }

    public ReadOnlyStringProperty undoableTrashProperty() {
        return undoableTrash;
    }

    public ReadOnlyBooleanProperty replyingProperty() {
        return replying;
    }

    /** The last reply's problem (names the endpoint), or null. */
    public ReadOnlyStringProperty replyProblemProperty() {
        return replyProblem;
    }

    /** The newest message is a reply that was cut short (the app or the endpoint failed mid-reply). */
    public ReadOnlyBooleanProperty replyInterruptedProperty() {
        return replyInterrupted;
    }

    /** View → Show hidden messages: messages meant for the agent only are shown too. */
    public BooleanProperty showHiddenProperty() {
        return showHidden;
    }

    /** The message seq a search asked to show (-1: none); the window scrolls there once it is loaded. */
    public javafx.beans.property.IntegerProperty scrollTargetProperty() {
        return scrollTarget;
    }

    public BooleanProperty sidebarShownProperty() {
        return sidebarShown;
    }
}
