package dev.sessiondesk.app.client;

import dev.sessiondesk.app.AllSessionsExporter;
import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.backup.BackupFailedException;
import dev.sessiondesk.app.backup.BackupRecord;
import dev.sessiondesk.app.backup.FullVerifier;
import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.app.importer.ImportOptions;
import dev.sessiondesk.app.importer.ImportProgress;
import dev.sessiondesk.app.importer.ImportReport;
import dev.sessiondesk.app.importer.agent.AgentSyncReport;
import dev.sessiondesk.app.importer.goose.GooseSessionsFinder;
import dev.sessiondesk.app.maintenance.GooseImportOffer;
import dev.sessiondesk.app.maintenance.IntactExport;
import dev.sessiondesk.app.maintenance.SessionRestore;
import dev.sessiondesk.app.windows.Finding;
import dev.sessiondesk.app.upgrade.PreUpgrade;
import dev.sessiondesk.app.upgrade.RunningAppChannel;
import dev.sessiondesk.app.text.UserText;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The File and Help maintenance commands of the GUI over one open store, as blocking calls (the
 * window runs each in a background task). Everything they need is built here, once, with the store.
 */
public final class MaintenanceCommands {
    private final Path dataDir;
    private final SessionDesk desk;
    private final ClientServices services;
    private final GooseImportOffer gooseOffer;
    private final Clock clock;

    MaintenanceCommands(Path dataDir, SessionDesk desk, ClientServices services, GooseSessionsFinder gooseFinder, Clock clock) {
        this.dataDir = dataDir;
        this.desk = desk;
        this.services = services;
        this.gooseOffer = new GooseImportOffer(dataDir, gooseFinder, clock);
        this.clock = clock;
    }

    public ImportReport importPath(Path path, ImportProgress progress) throws IOException {
        return desk.importer().importPath(path, ImportOptions.defaults(), progress);
    }

    /** What the windows show and hold right now belongs in the backup: it is written first. */
    public BackupRecord backUpNow(Progress progress) throws BackupFailedException {
        flushPending();
        return desk.backups().backup("manual", progress);
    }

    public List<BackupRecord> backups() {
        return desk.backups().catalog().list();
    }

    public Optional<BackupRecord> latestBackup() {
        return desk.backups().catalog().latest();
    }

    public AllSessionsExporter.Summary exportAll(Path dir, Progress progress) throws IOException {
        return desk.exportAll().exportAll(dir, progress);
    }

    /** Adds the folder to the watched projects and reads its agent sessions now. */
    public AgentSyncReport watchProject(Path project) throws IOException {
        Path added = desk.watchedProjects().add(project);
        return desk.agentWatcher().follow(added);
    }

    public FullVerifier.Report verify(Progress progress) {
        return new FullVerifier(desk.store(), desk.backups().catalog()).verify(progress);
    }

    public IntactExport.Result exportIntact(Path dir, Progress progress) throws IOException {
        return IntactExport.export(desk, dir, progress);
    }

    /** Drafts, layout and the write-ahead log on disk, then backup, export and manifest. */
    public PreUpgrade.Result prepareForUpgrade(Progress progress) throws PreUpgrade.Failed, IOException {
        progress.update(0, UserText.of("progress", "backup.flushing"));
        flushPending();
        desk.store().checkpoint();
        // This app is the one being prepared: there is no other app to ask to quit.
        return new PreUpgrade(dataDir, RunningAppChannel.absent(), clock).run(progress);
    }

    /** The backup "Restore this session" would bring the session back from, if any. */
    public Optional<BackupRecord> sessionBackup(String sessionId, int firstDamagedSeq) {
        return new SessionRestore(desk.store(), desk.backups()).source(sessionId, firstDamagedSeq);
    }

    /** Brings back only this session from the newest verified backup that has it intact (a safety backup first). */
    public SessionRestore.Result restoreSession(String sessionId, int firstDamagedSeq, Progress progress)
            throws BackupFailedException {
        flushPending();
        SessionRestore.Result r = new SessionRestore(desk.store(), desk.backups()).restore(sessionId, firstDamagedSeq, progress);
        services.changes().changed(sessionId);
        return r;
    }

    /** "Keep as it is": the user's choice, so this finding is not asked about again. */
    public void keepAsItIs(Finding finding) throws IOException {
        services.acceptedFindings().accept(finding);
    }

    /** The first-run Goose import offer, when it was never answered and there is something to import. */
    public Optional<GooseSessionsFinder.Finding> pendingGooseOffer() {
        return desk.store().isReadOnly() ? Optional.empty() : gooseOffer.pending();
    }

    public void rememberGooseAnswer(GooseImportOffer.Answer answer, Path folder) throws IOException {
        gooseOffer.remember(answer, folder);
    }

    private void flushPending() {
        services.drafts().flush();
        services.layout().flush();
    }
}
