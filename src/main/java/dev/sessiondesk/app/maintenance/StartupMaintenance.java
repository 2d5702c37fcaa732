package dev.sessiondesk.app.maintenance;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.backup.BackupFailedException;
import dev.sessiondesk.app.backup.BackupRecord;
import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.app.importer.agent.AgentSyncReport;
import dev.sessiondesk.app.sync.SyncService;
import dev.sessiondesk.app.sync.SyncStep;
import dev.sessiondesk.app.sync.SyncStepResult;
import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.app.upgrade.UpgradeCheck;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the GUI does with the data folder around its windows: at start, the upgrade check (a bad
 * one replaces the windows with the recovery dialog), the automatic daily backup and following the
 * watched agent projects; during the run, the agent rescan as a Sync Now step. All of it runs off
 * the UI thread.
 */
public final class StartupMaintenance {
    private static final Logger LOG = LoggerFactory.getLogger(StartupMaintenance.class);
    /** The name of the Sync Now step that rescans the watched agent projects. */
    public static final String AGENT_STEP = "agent projects"; // an id, not a sentence
    private static final String BACKUP_FAILED = "backup.failed";

    private final SessionDesk desk;
    private final Clock clock;

    public StartupMaintenance(SessionDesk desk, Clock clock) {
        this.desk = desk;
        this.clock = clock;
    }

    /**
     * The newest upgrade manifest's check, only when it found something wrong. A manifest that cannot
     * be read is itself a problem worth the recovery dialog: the proof of the upgrade is missing.
     */
    public Optional<UpgradeCheck.Report> upgradeProblems() {
        if (desk.store().isReadOnly()) {
            return Optional.empty(); // a newer or read-only store: nothing here may be restored over it
        }
        UpgradeCheck check = new UpgradeCheck(desk.store(), clock);
        try {
            return check.checkPending().filter(r -> !r.ok());
        } catch (IOException e) {
            LOG.error("the upgrade check could not run", e);
            return Optional.of(new UpgradeCheck.Report(null, "?", 0, 0,
                    List.of(UserText.of("upgrade", "manifestUnreadable", String.valueOf(e.getMessage())))));
        }
    }

    /** The automatic backup: a status-bar sentence, or empty when none was due. Never throws. */
    public Optional<UserText> dailyBackup(Progress progress) {
        if (desk.store().isReadOnly()) {
            return Optional.empty();
        }
        try {
            Optional<BackupRecord> made = desk.backups().backupIfDue(progress);
            return made.map(b -> UserText.of("startup", "backup.saved", b.fileName(), b.sessionCount(), b.messageCount()));
        } catch (BackupFailedException e) {
            LOG.error("the daily backup failed", e);
            return Optional.of(UserText.of("startup", BACKUP_FAILED, String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            LOG.error("the daily backup failed", e);
            return Optional.of(UserText.of("startup", BACKUP_FAILED, String.valueOf(e)));
        }
    }

    /** Starts following the watched agent projects; a sentence when one of them had problems. */
    public Optional<UserText> startAgentWatcher() {
        if (desk.store().isReadOnly()) {
            return Optional.empty();
        }
        try {
            List<AgentSyncReport> first = desk.agentWatcher().start();
            long problems = first.stream().mapToLong(r -> r.problems().size()).sum();
            return problems == 0 ? Optional.empty()
                    : Optional.of(UserText.of("startup", "agents.unreadable", problems));
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot follow the watched agent projects", e);
            return Optional.of(UserText.of("startup", "agents.cannotFollow", String.valueOf(e.getMessage())));
        }
    }

    /** Whether a start-up note reports something that went wrong (it goes to the status bar, not only the log). */
    public static boolean isProblem(UserText note) {
        return "startup".equals(note.area()) && BACKUP_FAILED.equals(note.key());
    }

    /** Adds the agent rescan to Sync Now (the built-in steps already verify the open sessions). */
    public void addSyncSteps(SyncService sync) {
        sync.addStep(agentRescan());
    }

    SyncStep agentRescan() {
        return new SyncStep() {
            @Override
            public SyncStepResult run(dev.sessiondesk.app.sync.SyncContext context) {
                List<AgentSyncReport> reports = desk.agentWatcher().syncNow();
                int added = 0;
                int updated = 0;
                List<UserText> problems = new ArrayList<>();
                for (AgentSyncReport r : reports) {
                    added += r.added();
                    updated += r.updated();
                    r.problems().forEach(p -> problems.add(p.text()));
                }
                UserText summary = UserText.of("sync", "agents", reports.size(), added, updated);
                return new SyncStepResult(AGENT_STEP, reports.size(), summary, problems);
            }

            @Override
            public String name() {
                return AGENT_STEP;
            }
        };
    }
}
