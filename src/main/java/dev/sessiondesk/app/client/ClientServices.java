package dev.sessiondesk.app.client;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.chat.Branches;
import dev.sessiondesk.app.chat.ReplyStarter;
import dev.sessiondesk.app.chat.SessionChanges;
import dev.sessiondesk.app.instance.HeartbeatService;
import dev.sessiondesk.app.sync.BuiltInSyncSteps;
import dev.sessiondesk.app.sync.SyncService;
import dev.sessiondesk.app.windows.ActiveSessionTracker;
import dev.sessiondesk.app.windows.DraftService;
import dev.sessiondesk.app.windows.AcceptedFindings;
import dev.sessiondesk.app.windows.FingerprintCheck;
import dev.sessiondesk.app.windows.NewChatRule;
import dev.sessiondesk.app.windows.WindowLayoutService;
import dev.sessiondesk.app.tasks.Workers;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services the multi-window GUI adds on top of {@link SessionDesk}: window layout and drafts
 * (debounced autosave), the New Chat rule, the fingerprint check at restore, the active-session
 * flag, the heartbeat and Sync Now. Built once by the GUI's start-up, next to the composition root.
 */
public final class ClientServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientServices.class);

    /** How eagerly things are saved; tests shorten the heartbeat. */
    public record Timings(Duration layoutDelay, Duration draftDelay, Duration heartbeatPeriod) {
        public static Timings defaults() {
            return new Timings(WindowLayoutService.DEFAULT_DELAY, DraftService.DEFAULT_DELAY, HeartbeatService.DEFAULT_PERIOD);
        }
    }

    private final SessionDesk desk;
    private final ScheduledExecutorService scheduler;
    private final WindowLayoutService layout;
    private final DraftService drafts;
    private final NewChatRule newChat;
    private final FingerprintCheck fingerprints;
    private final AcceptedFindings accepted;
    private final ActiveSessionTracker active;
    private final HeartbeatService heartbeat;
    private final SyncService sync;
    private final ReplyStarter replies;
    private final SessionChanges changes;
    private final Branches branches;
    private final Timings timings;

    /**
     * @param replies builds the reply seam from the open desk and the change announcements (the
     *                assistant feature plugs in here; {@code (desk, changes) -> ReplyStarter.NONE} without one)
     */
    public ClientServices(SessionDesk desk, Timings timings, ReplyStarterFactory replies) {
        this.desk = desk;
        this.timings = timings;
        this.changes = new SessionChanges();
        this.replies = replies.create(desk, changes);
        this.branches = new Branches(desk.store(), this.replies, desk.sessionAssistants());
        this.scheduler = desk.workers().scheduler("autosave");
        this.layout = new WindowLayoutService(desk.store().windows(), scheduler, timings.layoutDelay());
        this.drafts = new DraftService(desk.store().drafts(), scheduler, timings.draftDelay());
        this.newChat = new NewChatRule(desk.store());
        this.accepted = new AcceptedFindings(desk.store().dataDir());
        this.fingerprints = new FingerprintCheck(desk.store(), accepted);
        this.active = new ActiveSessionTracker(desk.store().sessions());
        this.heartbeat = new HeartbeatService(desk.store().instance(), scheduler);
        this.sync = new SyncService(BuiltInSyncSteps.of(desk.store(), drafts, layout), Clock.systemDefaultZone());
        this.sync.addStep(streamingReplies(desk));
    }

    /** Starts the heartbeat; ends replies a crashed app left streaming. Call off the UI thread. */
    public void start() {
        if (desk.store().isReadOnly()) {
            return;
        }
        int interrupted = desk.replies().recoverAbandonedReplies();
        if (interrupted > 0) {
            LOG.info("{} replies left streaming by a previous run are now marked interrupted", interrupted);
        }
        heartbeat.start(timings.heartbeatPeriod());
    }

    /** Sync Now writes what streaming replies have so far, not only at their next checkpoint tick. */
    private static dev.sessiondesk.app.sync.SyncStep streamingReplies(SessionDesk desk) {
        return new dev.sessiondesk.app.sync.SyncStep() {
            @Override
            public dev.sessiondesk.app.sync.SyncStepResult run(dev.sessiondesk.app.sync.SyncContext context) {
                int n = desk.replies().checkpointStreaming();
                return dev.sessiondesk.app.sync.SyncStepResult.done(STREAMING_STEP, n,
                        dev.sessiondesk.app.text.UserText.of("sync", "streaming", n));
            }

            @Override
            public String name() {
                return STREAMING_STEP;
            }
        };
    }

    public static final String STREAMING_STEP = "streaming replies";

    public SessionDesk desk() {
        return desk;
    }

    public WindowLayoutService layout() {
        return layout;
    }

    public DraftService drafts() {
        return drafts;
    }

    public NewChatRule newChat() {
        return newChat;
    }

    /** What the user chose to keep as it is ("Keep as it is" on a window's banner). */
    public AcceptedFindings acceptedFindings() {
        return accepted;
    }

    public FingerprintCheck fingerprints() {
        return fingerprints;
    }

    public ActiveSessionTracker active() {
        return active;
    }

    public SyncService sync() {
        return sync;
    }

    public ReplyStarter replies() {
        return replies;
    }

    /** Edit and resend, regenerate, hide, and the branch switcher's alternatives. */
    public Branches branches() {
        return branches;
    }

    /** The narrow ports a chat window uses. */
    public ChatPorts chatPorts() {
        return new ChatPorts(desk.sessions(), desk.sessions(), desk.sessions(), desk.exporter(), newChat, active, drafts,
                replies, branches, desk.sessionAssistants());
    }

    /** A store written by a newer version, or a read-only folder: nothing may be written. */
    public boolean readOnly() {
        return desk.store().isReadOnly();
    }

    /** Where background writers announce new content of a session, so windows show it at once. */
    public SessionChanges changes() {
        return changes;
    }

    /** Makes the reply seam once the store is open. */
    @FunctionalInterface
    public interface ReplyStarterFactory {
        ReplyStarterFactory NONE = (desk, changes) -> ReplyStarter.NONE;

        ReplyStarter create(SessionDesk desk, SessionChanges changes);
    }

    public HeartbeatService heartbeat() {
        return heartbeat;
    }

    /** A clean exit: everything pending is written, the heartbeat row removed. Call off the UI thread. */
    @Override
    public void close() {
        try {
            drafts.flush();
            layout.flush();
        } catch (RuntimeException e) {
            LOG.error("could not save everything before exit: {}", e.getMessage());
        }
        heartbeat.stop();
        stopScheduler();
    }

    /** Stops without writing anything more: what an abrupt end (a crash) leaves behind. For tests. */
    public void abandon() {
        scheduler.shutdownNow();
    }

    private void stopScheduler() {
        Workers.shutDown(scheduler, java.time.Duration.ofSeconds(5));
    }
}
