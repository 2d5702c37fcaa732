package dev.sessiondesk.app.assistant;

import dev.sessiondesk.app.tasks.Workers;
import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.app.text.Wording;
import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a user's message and saves the assistant's reply while it streams — the one path the GUI
 * and {@code sessiondesk ask} share.
 *
 * <ol>
 *   <li>The user's message is appended and committed first (P1); if that fails nothing is sent and
 *       the outcome is {@link ReplyState#NOT_SAVED}, so the window keeps the text.</li>
 *   <li>The conversation is read back from the store (what the agent may see) and sent.</li>
 *   <li>At the first token the assistant message is created in the store as {@code streaming}
 *       ({@code MessageLog.beginStreaming}); its text is checkpointed at least every 250 ms while it
 *       changes, on a clock thread ({@link StreamingReplyWriter}).</li>
 *   <li>It ends with {@code finishStreaming}: {@code complete}; {@code stopped} after Stop (the partial
 *       is kept); {@code interrupted} when the endpoint fails mid-reply or the app closes. The error
 *       message names the endpoint; the user's message stays saved; {@link #retry}/{@link #continueReply}
 *       ask again.</li>
 * </ol>
 *
 * <p><b>How a streaming reply fits the hash chain.</b> Messages 1..message_count of a session are
 * finished and hashed. While a reply streams it is the row {@code seq = message_count + 1} with
 * state {@code streaming} and no hash: it is outside the chain, so checkpoints (which rewrite its
 * text) never invalidate anything, and the verifier skips it. When it ends — complete, stopped, or
 * interrupted, including by {@code interruptAbandonedStreams()} after a crash — the store hashes it
 * with the text it ended with, {@code hash = SHA-256(previous head || canonical message)}, and
 * message_count and head_hash advance in the same transaction; from then on it never changes. Anything
 * appended to the session while a reply streams first ends that reply as interrupted, so chain order
 * is seq order.
 *
 * <p>Each reply runs on its own thread, so several sessions (windows) stream at once.
 */
public final class ReplyService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyService.class);
    public static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(250);

    private static final UserText SUPERSEDED = UserText.of("assistant", "reply.superseded");

    private enum Mode { SEND, RETRY, CONTINUE }

    private final Store store;
    private final Function<String, Assistant> assistants;
    private final SessionTitler titles;
    private final Duration checkpointInterval;
    private final ExecutorService replyThreads;
    private final ScheduledExecutorService checkpointClock;
    private final Map<String, ReplyHandle> active = new ConcurrentHashMap<>();
    private final Map<ReplyHandle, StreamingReplyWriter> writers = new ConcurrentHashMap<>();

    /**
     * @param titles may be null: then no automatic titles are written
     */
    /** @param workers where the reply and checkpoint threads come from (the composition root's) */
    public ReplyService(Store store, Supplier<Assistant> assistants, SessionTitler titles, Duration checkpointInterval,
                        Workers workers) {
        this(store, sessionId -> assistants.get(), titles, checkpointInterval, workers);
    }

    /**
     * @param assistants the assistant for a session's next reply (each session may ask for its own
     *                   model and system prompt)
     * @param workers    where the reply and checkpoint threads come from (the composition root's)
     */
    public ReplyService(Store store, Function<String, Assistant> assistants, SessionTitler titles,
                        Duration checkpointInterval, Workers workers) {
        this.store = store;
        this.assistants = assistants;
        this.titles = titles;
        this.checkpointInterval = checkpointInterval;
        this.replyThreads = workers.onDemand("assistant-reply");
        this.checkpointClock = workers.scheduler("reply-checkpoints");
    }

    /** Saves {@code text} as the user's next message in the session, then streams the reply. Returns at once. */
    public ReplyHandle send(String sessionId, String text, ReplyListener listener) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a message cannot be empty");
        }
        return start(sessionId, Mode.SEND, text, listener);
    }

    /**
     * Writes the text every streaming reply has so far into its row now instead of at the next
     * tick (Sync Now). Returns how many replies were streaming.
     */
    public int checkpointStreaming() {
        int n = 0;
        for (StreamingReplyWriter w : writers.values()) {
            w.checkpointNow();
            n++;
        }
        return n;
    }

    /** Asks again for a reply to the last user message (after a failure, or to regenerate). */
    public ReplyHandle retry(String sessionId, ReplyListener listener) {
        return start(sessionId, Mode.RETRY, null, listener);
    }

    /**
     * Asks the assistant to carry on from the whole conversation, the interrupted or stopped partial
     * included (servers such as llama.cpp and Ollama continue a trailing assistant turn). The
     * continuation is a new message: a saved message is never rewritten.
     */
    public ReplyHandle continueReply(String sessionId, ReplyListener listener) {
        return start(sessionId, Mode.CONTINUE, null, listener);
    }

    /** The reply streaming into a session from this process, if any (a window re-attaching to it). */
    public Optional<ReplyHandle> activeReply(String sessionId) {
        return Optional.ofNullable(active.get(sessionId));
    }

    /**
     * Ends replies a crashed process left {@code streaming} as {@code interrupted}, hashing their last
     * checkpoint. Only the app that owns the data folder calls this, at start (a second process
     * could still be streaming).
     */
    public int recoverAbandonedReplies() {
        int n = store.messages().interruptAbandonedStreams();
        if (n > 0) {
            LOG.info("marked {} abandoned streaming replies as interrupted", n);
        }
        return n;
    }

    private ReplyHandle start(String sessionId, Mode mode, String text, ReplyListener listener) {
        ReplyHandle handle = new ReplyHandle(sessionId);
        Assistant assistant = assistants.apply(sessionId);
        active.put(sessionId, handle);
        replyThreads.execute(() -> {
            SafeListener safe = new SafeListener(listener);
            ReplyOutcome outcome;
            try {
                outcome = run(handle, assistant, mode, text, safe);
            } catch (RuntimeException e) {
                LOG.error("reply in session {} failed unexpectedly", sessionId, e);
                UserText why = UserText.of("assistant", "reply.notSaved", String.valueOf(e.getMessage()));
                outcome = new ReplyOutcome(sessionId, ReplyState.FAILED, null, null, "", Wording.english().say(why), null);
                safe.failed(why);
            } finally {
                active.remove(sessionId, handle);
            }
            handle.state(outcome.state());
            safe.stateChanged(outcome.state());
            scheduleTitle(handle, outcome);
            safe.finished(outcome);
            handle.doneFuture().complete(outcome);
        });
        return handle;
    }

    private ReplyOutcome run(ReplyHandle handle, Assistant assistant, Mode mode, String text, SafeListener listener) {
        String sessionId = handle.sessionId();
        AppendResult userMessage = null;
        if (mode == Mode.SEND) {
            listener.stateChanged(ReplyState.SAVING);
            try {
                userMessage = store.messages().append(sessionId, NewMessage.text(Role.USER, text));
            } catch (StoreException e) {
                listener.failed(e.getMessage());
                return new ReplyOutcome(sessionId, ReplyState.NOT_SAVED, null, null, "", e.getMessage(), null);
            }
            listener.userMessageSaved(userMessage);
        }
        List<ChatTurn> conversation;
        try {
            conversation = conversation(sessionId, mode);
        } catch (StoreException | IllegalStateException e) {
            listener.failed(e.getMessage());
            return new ReplyOutcome(sessionId, ReplyState.FAILED, userMessage, null, "", e.getMessage(), null);
        }
        handle.state(ReplyState.WAITING);
        listener.stateChanged(ReplyState.WAITING);

        StreamingReplyWriter writer = new StreamingReplyWriter(store.messages(), sessionId, checkpointClock,
                checkpointInterval);
        writers.put(handle, writer);
        try {
            return stream(handle, assistant, writer, userMessage, conversation, listener);
        } finally {
            writers.remove(handle);
        }
    }

    private ReplyOutcome stream(ReplyHandle handle, Assistant assistant, StreamingReplyWriter writer,
                                AppendResult userMessage, List<ChatTurn> conversation, SafeListener listener) {
        String sessionId = handle.sessionId();
        Cancellation cancellation = handle.cancellation();
        UserText error = null;
        AssistantException.Kind errorKind = null;
        StoreException storeError = null;
        try {
            assistant.streamReply(conversation, delta -> {
                if (cancellation.isCancelled() || delta.isEmpty()) {
                    return;
                }
                boolean first = !writer.started();
                if (!writer.accept(delta)) {
                    cancellation.cancel();
                    return;
                }
                if (first) {
                    handle.state(ReplyState.STREAMING);
                    listener.stateChanged(ReplyState.STREAMING);
                }
                listener.delta(delta);
            }, cancellation);
        } catch (AssistantException e) {
            error = e.text();
            errorKind = e.kind();
            LOG.info("reply in session {} failed: {}", sessionId, e.getMessage());
        } catch (StoreException e) {
            storeError = e; // the reply could not be saved (e.g. disk full at the first token)
            cancellation.cancel();
        }

        ReplyState state;
        MessageState end;
        if (storeError != null) {
            state = ReplyState.FAILED;
            end = MessageState.INTERRUPTED;
            error = UserText.of("assistant", "reply.notSaved", String.valueOf(storeError.getMessage()));
        } else if (error != null) {
            state = ReplyState.FAILED;
            end = MessageState.INTERRUPTED;
        } else if (writer.superseded()) {
            state = ReplyState.FAILED;
            end = MessageState.INTERRUPTED;
            error = SUPERSEDED;
        } else if (handle.closing()) {
            state = ReplyState.FAILED;
            end = MessageState.INTERRUPTED;
            error = UserText.of("assistant", "reply.closed");
        } else if (cancellation.isCancelled()) {
            state = ReplyState.STOPPED;
            end = MessageState.STOPPED;
        } else {
            state = ReplyState.COMPLETE;
            end = MessageState.COMPLETE;
        }
        AppendResult reply;
        try {
            reply = finishWithRetry(writer, end);
        } catch (StoreException e) {
            // The row stays "streaming" with its last checkpoint; the next start marks it interrupted.
            error = UserText.of("assistant", "reply.endNotSaved", String.valueOf(e.getMessage()));
            state = ReplyState.FAILED;
            reply = null;
        }
        if (writer.superseded() && error == null) {
            // Found out only while finishing: someone appended to the session since the last checkpoint.
            state = ReplyState.FAILED;
            error = SUPERSEDED;
        }
        if (error != null) {
            listener.failed(error);
        }
        return new ReplyOutcome(sessionId, state, userMessage, reply, writer.snapshot(),
                error == null ? null : Wording.english().say(error), errorKind);
    }

    private static AppendResult finishWithRetry(StreamingReplyWriter writer, MessageState end) {
        for (int attempt = 1; ; attempt++) {
            try {
                return writer.finish(end);
            } catch (StoreException e) {
                if (!e.isTransient() || attempt == 3) {
                    throw e;
                }
                LOG.warn("retrying the end of a reply: {}", e.getMessage());
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private List<ChatTurn> conversation(String sessionId, Mode mode) {
        // Messages the user hid are not sent either.
        List<Message> messages = store.hidden().apply(sessionId, store.messages().list(sessionId));
        if (mode == Mode.RETRY) {
            int lastUser = -1;
            for (int i = 0; i < messages.size(); i++) {
                if (messages.get(i).role() == Role.USER) {
                    lastUser = i;
                }
            }
            if (lastUser < 0) {
                throw new IllegalStateException("session " + sessionId + " has no message of yours to answer");
            }
            messages = messages.subList(0, lastUser + 1);
        }
        return ChatTurn.fromMessages(messages);
    }

    private void scheduleTitle(ReplyHandle handle, ReplyOutcome outcome) {
        if (titles == null || outcome.state() != ReplyState.COMPLETE || outcome.reply() == null) {
            handle.titleFuture().complete(Optional.empty());
            return;
        }
        try {
            titles.titleIfUntitled(handle.sessionId()).whenComplete((title, e) -> {
                if (e != null) {
                    LOG.warn("automatic title for session {} failed: {}", handle.sessionId(), e.toString());
                    handle.titleFuture().complete(Optional.empty());
                } else {
                    handle.titleFuture().complete(title);
                }
            });
        } catch (RuntimeException e) { // e.g. the background executor is already shut down
            LOG.warn("cannot start the automatic title for session {}: {}", handle.sessionId(), e.toString());
            handle.titleFuture().complete(Optional.empty());
        }
    }

    /** Cancels running replies (they end as interrupted) and waits briefly for them to save. */
    @Override
    public void close() {
        List<ReplyHandle> running = List.copyOf(active.values());
        running.forEach(ReplyHandle::interruptForShutdown);
        for (ReplyHandle h : running) {
            try {
                h.done().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("reply in session {} did not end in time: {}", h.sessionId(), e.toString());
            }
        }
        replyThreads.shutdown();
        checkpointClock.shutdown();
    }
}
