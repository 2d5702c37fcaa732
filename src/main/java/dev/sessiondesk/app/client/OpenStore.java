package dev.sessiondesk.app.client;

import dev.sessiondesk.app.api.LocalApi;
import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.backup.BackupService;
import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.app.backup.RestoreService;
import dev.sessiondesk.app.maintenance.StartupMaintenance;
import dev.sessiondesk.app.maintenance.StoreHealthCheck;
import dev.sessiondesk.app.tasks.Workers;
import dev.sessiondesk.app.sync.ServerSync;
import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.app.upgrade.UpgradeCheck;
import dev.sessiondesk.app.windows.FingerprintCheck;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.WindowBinding;
import dev.sessiondesk.store.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open store for the GUI, as one unit: the shared core ({@link SessionDesk}), the services the
 * windows add ({@link ClientServices}), the start-up maintenance and the maintenance commands, opened
 * together and closed together. A restore closes one unit and opens another; nothing outside keeps a
 * piece of the old one. Opening and closing touch the disk: call them off the FX thread.
 */
public final class OpenStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenStore.class);

    private final SessionDesk desk;
    private final ClientServices services;
    private final StartupMaintenance maintenance;
    private final MaintenanceCommands commands;
    private final String assistantNotice;
    private final Optional<UpgradeCheck.Report> upgradeProblems;
    private final ServerSync serverSync;
    private final LocalApi api;

    private OpenStore(SessionDesk desk, ClientServices services, StartupMaintenance maintenance,
                      MaintenanceCommands commands, String assistantNotice, Optional<UpgradeCheck.Report> upgradeProblems,
                      ServerSync serverSync, LocalApi api) {
        this.serverSync = serverSync;
        this.api = api;
        this.desk = desk;
        this.services = services;
        this.maintenance = maintenance;
        this.commands = commands;
        this.assistantNotice = assistantNotice;
        this.upgradeProblems = upgradeProblems;
    }

    /** Opens the store of {@code options.dataDir()} with everything the GUI builds over it. */
    /** @param workers where its threads come from; closing the unit shuts down the ones it took */
    public static OpenStore open(ClientOptions options, Workers workers) {
        SessionDesk desk = SessionDesk.open(options.dataDir(), Store.Options.defaults(), workers);
        try {
            // The user's assistant settings (environment over the 0600 file); a bad file falls back to
            // the offline assistant with a message that names it.
            String notice = desk.assistants().useConfigured(options.environment(), options.configDir()).orElse(null);
            ClientServices services = new ClientServices(desk, options.timings(), options.replies());
            services.start();
            Clock clock = Clock.systemUTC();
            StartupMaintenance maintenance = new StartupMaintenance(desk, clock);
            maintenance.addSyncSteps(services.sync());
            MaintenanceCommands commands = new MaintenanceCommands(options.dataDir(), desk, services,
                    options.gooseFinder(), clock);
            // Sync with the PostgreSQL server: a step of Sync Now, and live sync once started.
            ServerSync serverSync = new ServerSync(desk.store(), services.sync(), services.changes()::changed,
                    options.environment(), options.configDir(), Path.of(System.getProperty("user.home")),
                    desk.workers());
            // The local API shares the windows' change feed: a phone's message shows in its window at once.
            LocalApi api = new LocalApi(desk, services.changes(), options.configDir());
            return new OpenStore(desk, services, maintenance, commands, notice, maintenance.upgradeProblems(), serverSync, api);
        } catch (RuntimeException e) {
            desk.close();
            throw e;
        }
    }

    /** What a restore did, or why it did not (then the store is as it was). */
    public record RestoreAttempt(RestoreService.Result result, Exception failure) {
    }

    /**
     * Closes {@code current}, then replaces the store in {@code dataDir} with a verified backup (after
     * a safety backup of the current one). Never throws: a refused or failed restore is the attempt's
     * failure. Open the folder again afterwards.
     */
    public static RestoreAttempt closeAndRestore(OpenStore current, Path dataDir, Path backup, Progress progress) {
        try {
            current.close();
            // Verifying the backup and the restored store hashes on the GUI's threads (its Workers outlive the desk).
            BackupService backups = new BackupService(dataDir, current.desk().workers().threads("backup-verify", true));
            return new RestoreAttempt(new RestoreService(dataDir, backups).restore(backup, progress), null);
        } catch (IOException | RuntimeException e) {
            LOG.error("restore of {} failed", backup, e);
            return new RestoreAttempt(null, e);
        }
    }

    /** Every window that was open at the last exit, checked against its fingerprint and loaded. */
    public List<RestoredWindow> restoredWindows() {
        List<RestoredWindow> restored = new ArrayList<>();
        for (WindowBinding b : services.layout().openWindows()) {
            if (b.sessionId() == null) {
                continue;
            }
            FingerprintCheck.Result check = services.fingerprints().check(b.sessionId(), b.fingerprint());
            List<Message> messages = check.showable() ? desk.sessions().open(b.sessionId()).messages() : List.of();
            String draft = services.drafts().get(b.windowId()).orElse("");
            LOG.info("restoring window {} on session {}: {}", b.windowId(), b.sessionId(), check.verdict());
            restored.add(new RestoredWindow(b, check, messages, draft));
        }
        return restored;
    }

    /**
     * The background part of the start: the daily backup and following the agent projects. Returns
     * the sentences for the status bar (empty when there is nothing to say). Never throws.
     */
    public List<UserText> runStartMaintenance() {
        List<UserText> notes = new ArrayList<>();
        maintenance.dailyBackup(Progress.NONE).ifPresent(notes::add);
        maintenance.startAgentWatcher().ifPresent(notes::add);
        LocalApi.Status apiStatus = api.startIfEnabled(); // only when the user turned it on in Preferences
        if (apiStatus.problem() != null) {
            notes.add(UserText.of("startup", "api.notStarted", apiStatus.problem()));
        }
        return notes;
    }

    /**
     * The quick check soon after start (SQLite's quick_check and every chain); a damaged store is
     * read-only afterwards. Off the FX thread; never throws.
     */
    public StoreHealthCheck.Result checkHealth() {
        return new StoreHealthCheck(desk.store()).run();
    }

    public SessionDesk desk() {
        return desk;
    }

    public ClientServices services() {
        return services;
    }

    /** Sync with the server: {@code serverSync().start()} begins live sync (off the FX thread). */
    public ServerSync serverSync() {
        return serverSync;
    }

    /** The local API (off unless the user turned it on); Preferences switches it. */
    public LocalApi localApi() {
        return api;
    }

    public MaintenanceCommands commands() {
        return commands;
    }

    /** Why the assistant settings could not be applied (the offline assistant answers), or null. */
    public String assistantNotice() {
        return assistantNotice;
    }

    /** What the upgrade check found wrong at open; empty when the upgrade (if any) is whole. */
    public Optional<UpgradeCheck.Report> upgradeProblems() {
        return upgradeProblems;
    }

    public boolean readOnly() {
        return services.readOnly();
    }

    /** Why the store is read-only (names the store and the versions), or null. */
    public String readOnlyReason() {
        return desk.store().readOnlyReason();
    }

    /** A clean close: everything pending is written, the heartbeat removed, the store closed. */
    @Override
    public void close() {
        api.close();
        try {
            serverSync.close();
            services.close();
        } finally {
            desk.close();
        }
    }

    /** Stops without writing anything pending, as a crash would (tests). */
    public void abandon() {
        api.close();
        try {
            serverSync.close();
            services.abandon();
        } finally {
            desk.close();
        }
    }
}
