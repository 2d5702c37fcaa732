package dev.sessiondesk.ui.maintenance;

import dev.sessiondesk.app.backup.BackupRecord;
import dev.sessiondesk.app.backup.FullVerifier;
import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.app.backup.RestoreService;
import dev.sessiondesk.app.client.MaintenanceCommands;
import dev.sessiondesk.app.importer.AgentSyncReport;
import dev.sessiondesk.app.importer.GooseSessionsFinder;
import dev.sessiondesk.app.importer.ImportReport;
import dev.sessiondesk.app.maintenance.GooseImportOffer;
import dev.sessiondesk.app.maintenance.IntactExport;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.upgrade.PreUpgrade;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.ui.chat.Banner;
import dev.sessiondesk.ui.chat.ChatWindow;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the File and Help maintenance commands for the running client: each runs its work on a
 * background task behind a {@link ProgressDialog} and ends in a {@link ReportDialog}. The store is
 * always taken from the {@link MaintenanceHost} at the time of the command, because a restore replaces it.
 */
public final class MaintenanceController {
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceController.class);

    private final MaintenanceHost host;
    private ReportDialog lastReport;
    private Alert gooseOffer;

    public MaintenanceController(MaintenanceHost host) {
        this.host = host;
    }

    // ---- File ----------------------------------------------------------------------------------

    public void chooseAndImportFile(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import sessions from a file");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Exports (zip as downloaded, JSON, goose)", "*.zip", "*.json", "*.jsonl", "*.db"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = chooser.showOpenDialog(owner);
        if (f != null) {
            importPath(owner, f.toPath());
        }
    }

    public void chooseAndImportFolder(Window owner) {
        File d = directory(owner, "Import sessions from a folder (Goose sessions, a ChatGPT export, an agent project)");
        if (d != null) {
            importPath(owner, d.toPath());
        }
    }

    /** Imports a file or folder with a progress bar, then shows the summary. Completes on the FX thread. */
    public CompletableFuture<ImportReport> importPath(Window owner, Path path) {
        ProgressDialog progress = new ProgressDialog(owner, "Importing " + path.getFileName()).show();
        MaintenanceCommands commands = commands();
        return BackgroundTask.withProgress("import " + path,
                        p -> commands.importPath(path, ProgressDialog.importProgress(p)))
                .onProgress(progress::update)
                .onSuccess(report -> {
                    progress.close();
                    host.sessionsChanged();
                    report(owner, "Import", report.hasProblems()
                            ? "Import finished; some sessions were skipped (reasons below)"
                            : "Import finished", report.hasProblems(), report.summaryLines(), List.of());
                })
                .onError(error -> {
                    progress.close();
                    report(owner, "Import", "Nothing was imported from " + path, true,
                            List.of(String.valueOf(error.getMessage())), List.of());
                })
                .executeWith(host.tasks());
    }

    public CompletableFuture<BackupRecord> backUpNow(Window owner) {
        MaintenanceCommands commands = commands();
        return behindProgress(owner, "Backing up", commands::backUpNow, b -> {
            report(owner, "Back Up Now", "Backup saved and verified", false, List.of(
                    b.file().toString(),
                    b.sessionCount() + " sessions, " + b.messageCount() + " messages, " + size(b.sizeBytes()),
                    "verified " + b.verifiedAt()), List.of());
        });
    }

    public void chooseAndRestore(Window owner) {
        MaintenanceCommands commands = commands();
        BackgroundTask.supply("list the backups", commands::backups)
                .onSuccess(backups -> RestoreChooser.choose(owner, backups).ifPresent(b -> restore(owner, b)))
                .onError(e -> report(owner, "Restore", "The backups cannot be listed", true,
                        List.of(String.valueOf(e.getMessage())), List.of()))
                .executeWith(host.tasks());
    }

    /** Replaces the store with a verified backup (after a safety backup) and brings the windows back from it. */
    public CompletableFuture<RestoreService.Result> restore(Window owner, BackupRecord backup) {
        ProgressDialog progress = new ProgressDialog(owner, "Restoring " + backup.fileName()).show();
        return host.restoreAndReload(backup.file(), progress::update).whenComplete((r, error) -> {
            progress.close();
            if (error != null) {
                report(null, "Restore", "The backup was not restored", true,
                        List.of(String.valueOf(BackgroundTask.unwrap(error).getMessage())), List.of());
            } else {
                List<String> lines = new ArrayList<>();
                lines.add("restored from " + r.restoredFrom());
                lines.add(r.sessions() + " sessions, " + r.messages() + " messages");
                lines.add(r.safetyCopy() == null ? "there was no store to keep a safety copy of"
                        : "the store as it was is kept at " + r.safetyCopy()
                        + (r.safetyCopyVerified() ? " (verified)" : " (NOT verified: keep it until you have checked)"));
                report(null, "Restore", "Restored " + backup.fileName(), false, lines, List.of());
            }
        });
    }

    public void chooseAndExportAll(Window owner) {
        File d = directory(owner, "Export all sessions to a folder");
        if (d != null) {
            MaintenanceCommands commands = commands();
            behindProgress(owner, "Exporting all sessions", p -> commands.exportAll(d.toPath(), p), s ->
                    report(owner, "Export All", "Exported " + s.sessions() + " sessions", false,
                            List.of(s.sessions() + " sessions as Goose JSON and Markdown (" + s.files() + " files) in "
                                    + s.dir()), List.of()));
        }
    }

    public void chooseAndWatchProject(Window owner) {
        File d = directory(owner, "Watch an agent project folder");
        if (d != null) {
            watchProject(owner, d.toPath());
        }
    }

    public CompletableFuture<AgentSyncReport> watchProject(Window owner, Path project) {
        MaintenanceCommands commands = commands();
        return behindProgress(owner, "Reading agent sessions", p -> commands.watchProject(project), r -> {
            host.sessionsChanged();
            List<String> lines = new ArrayList<>();
            lines.add(r.project() + " is now followed while SessionDesk runs");
            lines.add(r.added() + " new, " + r.updated() + " updated, " + r.unchanged() + " unchanged session(s)");
            r.problems().forEach(p -> lines.add("could not read: " + p));
            report(owner, "Watch Agent Project", "Watching " + r.project().getFileName(), !r.problems().isEmpty(),
                    lines, List.of());
        });
    }

    // ---- Help ----------------------------------------------------------------------------------

    public CompletableFuture<FullVerifier.Report> verifyStore(Window owner) {
        return behindProgress(owner, "Verifying the store", commands()::verify, r -> showVerifyReport(owner, r));
    }

    void showVerifyReport(Window owner, FullVerifier.Report r) {
        List<ReportDialog.Choice> ways = new ArrayList<>();
        if (!r.ok()) {
            // The newest backup that has a damaged session intact; restoring it brings back every
            // session as it was then (the current store is kept as a safety backup first).
            Optional<BackupRecord> wayBack = r.chains().stream().map(FullVerifier.ChainProblem::wayBack)
                    .flatMap(Optional::stream).findFirst();
            wayBack.ifPresent(b -> ways.add(new ReportDialog.Choice("verify-restore",
                    "Restore " + b.fileName() + "…", () -> confirmRestore(owner, b))));
            ways.add(new ReportDialog.Choice("verify-export-intact", "Export what is intact…",
                    () -> chooseAndExportIntact(owner)));
        }
        report(owner, "Verify Store", r.ok() ? "The store is intact" : "The store has problems; the way back is below",
                !r.ok(), figuresFirst(r.lines()), ways);
    }

    /** The report's closing line holds the figures; a reader wants them first, before the details. */
    static List<String> figuresFirst(List<String> lines) {
        List<String> out = new ArrayList<>();
        out.add(lines.get(lines.size() - 1));
        out.addAll(lines.subList(0, lines.size() - 1));
        return out;
    }

    public void chooseAndExportIntact(Window owner) {
        File d = directory(owner, "Export the intact sessions to a folder");
        if (d != null) {
            exportIntact(owner, d.toPath());
        }
    }

    public CompletableFuture<IntactExport.Result> exportIntact(Window owner, Path dir) {
        MaintenanceCommands commands = commands();
        return behindProgress(owner, "Exporting the intact sessions", p -> commands.exportIntact(dir, p), r ->
                report(owner, "Export what is intact", "Exported " + r.exported().sessions() + " intact session(s)",
                        !r.damaged().isEmpty(), r.lines(), List.of()));
    }

    void confirmRestore(Window owner, BackupRecord b) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
        confirm.initOwner(owner);
        confirm.setTitle("Restore");
        confirm.setHeaderText("Restore " + b.fileName() + " from " + b.createdAt() + "?");
        confirm.setContentText("Every session goes back to how it was in this backup (" + b.sessionCount()
                + " sessions, " + b.messageCount() + " messages). The store as it is now is saved as a backup first.");
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> restore(owner, b));
    }

    public CompletableFuture<PreUpgrade.Result> prepareForUpgrade(Window owner) {
        return behindProgress(owner, "Preparing for the upgrade", commands()::prepareForUpgrade, r -> report(owner, "Prepare for Upgrade", "Ready for the upgrade: quit SessionDesk, then install", false,
                List.of("manifest: " + r.manifest(),
                        "backup: " + r.backup().file(),
                        r.sessions() + " sessions, " + r.windows() + " windows recorded; " + r.exportedSessions()
                                + " open sessions exported to " + r.folder(),
                        "The new version checks every session and window against the manifest on its first start."),
                List.of()));
    }

    // ---- restore banner ------------------------------------------------------------------------

    /**
     * "Open from backup" on the fingerprint-mismatch banner: finds the newest verified backup whose copy
     * of the session still starts with what the window showed, and offers to restore that backup (the
     * whole store goes back to it; the current store is saved as a backup first). Per-session restore
     * and read-only viewing of a backup are not offered.
     */
    public CompletableFuture<Optional<BackupRecord>> openFromBackup(ChatWindow window) {
        Banner banner = window.viewModel().bannerProperty().get();
        if (banner == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Fingerprint shown = window.viewModel().fingerprintProperty().get();
        Window owner = window.stage();
        MaintenanceCommands commands = commands();
        return behindProgress(owner, "Looking for the conversation in the backups",
                p -> commands.backupExtending(banner.sessionId(), shown), found -> {
                    if (found.isEmpty()) {
                        report(owner, "Open from backup", "No verified backup has this conversation as the window showed it",
                                true, List.of("session " + banner.sessionId() + ", " + shown.messageCount()
                                        + " messages shown, last " + shown.headHash(),
                                        "Use \"Open stored session\" to see what the store holds now."), List.of());
                        return;
                    }
                    BackupRecord b = found.get();
                    report(owner, "Open from backup", "Backup " + b.fileName() + " has this conversation", false,
                            List.of("taken " + b.createdAt() + "; it holds " + b.sessions().get(banner.sessionId()).messageCount()
                                    + " messages of session " + banner.sessionId() + ", starting with the "
                                    + shown.messageCount() + " this window showed.",
                                    "Restoring puts every session back to that backup; the store as it is now is saved as"
                                            + " a backup first."),
                            List.of(new ReportDialog.Choice("banner-restore", "Restore " + b.fileName(),
                                    () -> restore(owner, b))));
                });
    }

    // ---- first run -----------------------------------------------------------------------------

    /** Asks once whether to import the Goose sessions found at their default place; remembers the answer. */
    public void offerGooseImport(GooseSessionsFinder.Finding finding) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION);
        ask.setTitle("Import Goose sessions?");
        ask.setHeaderText("SessionDesk found " + finding.describe());
        ask.setContentText("Import them now? They are read, never changed. You can import later with File → Import.");
        ButtonType importNow = new ButtonType("Import", ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType("Not now", ButtonBar.ButtonData.CANCEL_CLOSE);
        ask.getButtonTypes().setAll(importNow, no);
        MaintenanceCommands commands = commands();
        ask.setOnHidden(e -> {
            boolean yes = importNow.equals(ask.getResult());
            GooseImportOffer.Answer answer = yes ? GooseImportOffer.Answer.IMPORT : GooseImportOffer.Answer.DECLINED;
            BackgroundTask.run("remember the answer to the Goose import offer",
                            () -> commands.rememberGooseAnswer(answer, finding.folder()))
                    .onError(ex -> LOG.error("cannot remember the answer to the Goose import offer", ex))
                    .executeWith(host.tasks());
            if (yes) {
                importPath(null, finding.folder());
            }
        });
        gooseOffer = ask;
        ask.show();
    }

    /** The first-run offer while it is showing (for tests). */
    public Alert gooseOffer() {
        return gooseOffer;
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Work that reports progress and may throw. */
    @FunctionalInterface
    interface Work<T> {
        T run(Progress progress) throws Exception;
    }

    /** Runs {@code work} behind a progress dialog; a failure becomes a report naming what failed. */
    <T> CompletableFuture<T> behindProgress(Window owner, String title, Work<T> work, Consumer<T> onDone) {
        ProgressDialog progress = new ProgressDialog(owner, title).show();
        return BackgroundTask.withProgress(title, p -> work.run(p::update))
                .onProgress(progress::update)
                .onSuccess(result -> {
                    progress.close();
                    onDone.accept(result);
                })
                .onError(cause -> {
                    progress.close();
                    LOG.error("{} failed", title, cause);
                    report(owner, title, title + " failed", true, List.of(String.valueOf(cause.getMessage())), List.of());
                })
                .executeWith(host.tasks());
    }

    void report(Window owner, String title, String headline, boolean problem, List<String> lines,
                        List<ReportDialog.Choice> choices) {
        lastReport = new ReportDialog(owner, title, headline, problem, lines, choices).show();
    }

    /** The report dialog shown last (for tests and screenshots). */
    public ReportDialog lastReport() {
        return lastReport;
    }

    private MaintenanceCommands commands() {
        return host.store().commands();
    }

    private static File directory(Window owner, String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        return chooser.showDialog(owner);
    }

    static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return (bytes + 1023) / 1024 + " KB";
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
