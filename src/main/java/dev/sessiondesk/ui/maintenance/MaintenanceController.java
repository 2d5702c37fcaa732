package dev.sessiondesk.ui.maintenance;

import dev.sessiondesk.app.backup.BackupRecord;
import dev.sessiondesk.app.backup.FullVerifier;
import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.app.backup.RestoreService;
import dev.sessiondesk.app.client.MaintenanceCommands;
import dev.sessiondesk.app.importer.ImportReport;
import dev.sessiondesk.app.importer.agent.AgentSyncReport;
import dev.sessiondesk.app.importer.goose.GooseSessionsFinder;
import dev.sessiondesk.app.maintenance.GooseImportOffer;
import dev.sessiondesk.app.maintenance.IntactExport;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.text.Wording;
import dev.sessiondesk.app.upgrade.PreUpgrade;
import dev.sessiondesk.ui.i18n.Texts;
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
    private static final Texts T = Texts.of("maintenance");

    private final MaintenanceHost host;
    private ReportDialog lastReport;
    private Alert gooseOffer;

    public MaintenanceController(MaintenanceHost host) {
        this.host = host;
    }

    // ---- File ----------------------------------------------------------------------------------

    public void chooseAndImportFile(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(T.get("import.fileTitle"));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(T.get("import.filterExports"), "*.zip", "*.json", "*.jsonl", "*.db"),
                new FileChooser.ExtensionFilter(T.get("import.filterAll"), "*"));
        File f = chooser.showOpenDialog(owner);
        if (f != null) {
            importPath(owner, f.toPath());
        }
    }

    public void chooseAndImportFolder(Window owner) {
        File d = directory(owner, T.get("import.folderTitle"));
        if (d != null) {
            importPath(owner, d.toPath());
        }
    }

    /** Imports a file or folder with a progress bar, then shows the summary. Completes on the FX thread. */
    public CompletableFuture<ImportReport> importPath(Window owner, Path path) {
        ProgressDialog progress = new ProgressDialog(owner, T.get("import.progress", String.valueOf(path.getFileName()))).show();
        MaintenanceCommands commands = commands();
        return BackgroundTask.withProgress("import " + path,
                        p -> commands.importPath(path, ProgressDialog.importProgress(p)))
                .onProgress(progress::update)
                .onSuccess(report -> {
                    progress.close();
                    host.sessionsChanged();
                    report(owner, T.get("import.title"), T.get(report.hasProblems() ? "import.doneSkipped" : "import.done"),
                            report.hasProblems(), Texts.say(report.summaryTexts()), List.of());
                })
                .onError(error -> {
                    progress.close();
                    report(owner, T.get("import.title"), T.get("import.nothing", path.toString()), true,
                            List.of(String.valueOf(error.getMessage())), List.of());
                })
                .executeWith(host.tasks());
    }

    public CompletableFuture<BackupRecord> backUpNow(Window owner) {
        MaintenanceCommands commands = commands();
        return behindProgress(owner, T.get("backup.progress"), commands::backUpNow, b -> {
            report(owner, T.get("backup.title"), T.get("backup.done"), false, List.of(
                    b.file().toString(),
                    T.get("backup.figures", T.get("figures", b.sessionCount(), b.messageCount()), size(b.sizeBytes())),
                    T.get("backup.verified", Texts.dateTime(b.verifiedAt()))), List.of());
        });
    }

    public void chooseAndRestore(Window owner) {
        MaintenanceCommands commands = commands();
        BackgroundTask.supply("list the backups", commands::backups)
                .onSuccess(backups -> RestoreChooser.choose(owner, backups).ifPresent(b -> restore(owner, b)))
                .onError(e -> report(owner, T.get("restore.title"), T.get("restore.listFailed"), true,
                        List.of(String.valueOf(e.getMessage())), List.of()))
                .executeWith(host.tasks());
    }

    /** Replaces the store with a verified backup (after a safety backup) and brings the windows back from it. */
    public CompletableFuture<RestoreService.Result> restore(Window owner, BackupRecord backup) {
        ProgressDialog progress = new ProgressDialog(owner, T.get("restore.progress", backup.fileName())).show();
        return host.restoreAndReload(backup.file(), progress::update).whenComplete((r, error) -> {
            progress.close();
            if (error != null) {
                report(null, T.get("restore.title"), T.get("restore.failed"), true,
                        List.of(String.valueOf(BackgroundTask.unwrap(error).getMessage())), List.of());
            } else {
                List<String> lines = new ArrayList<>();
                lines.add(T.get("restore.from", String.valueOf(r.restoredFrom())));
                lines.add(T.get("figures", r.sessions(), r.messages()));
                lines.add(r.safetyCopy() == null ? T.get("restore.noSafety") : T.get(
                        r.safetyCopyVerified() ? "restore.safety" : "restore.safetyUnverified", r.safetyCopy().toString()));
                report(null, T.get("restore.title"), T.get("restore.done", backup.fileName()), false, lines, List.of());
            }
        });
    }

    public void chooseAndExportAll(Window owner) {
        File d = directory(owner, T.get("exportAll.chooser"));
        if (d != null) {
            MaintenanceCommands commands = commands();
            behindProgress(owner, T.get("exportAll.progress"), p -> commands.exportAll(d.toPath(), p), s ->
                    report(owner, T.get("exportAll.title"), T.get("exportAll.done", s.sessions()), false,
                            List.of(T.get("exportAll.line", s.sessions(), s.files(), s.dir().toString())), List.of()));
        }
    }

    public void chooseAndWatchProject(Window owner) {
        File d = directory(owner, T.get("watch.chooser"));
        if (d != null) {
            watchProject(owner, d.toPath());
        }
    }

    public CompletableFuture<AgentSyncReport> watchProject(Window owner, Path project) {
        MaintenanceCommands commands = commands();
        return behindProgress(owner, T.get("watch.progress"), p -> commands.watchProject(project), r -> {
            host.sessionsChanged();
            List<String> lines = new ArrayList<>();
            lines.add(T.get("watch.following", r.project().toString()));
            lines.add(T.get("watch.figures", r.added(), r.updated(), r.unchanged()));
            r.problems().forEach(p -> lines.add(T.get("watch.unreadable", Texts.say(p.text()))));
            report(owner, T.get("watch.title"), T.get("watch.done", String.valueOf(r.project().getFileName())),
                    !r.problems().isEmpty(), lines, List.of());
        });
    }

    // ---- Help ----------------------------------------------------------------------------------

    public CompletableFuture<FullVerifier.Report> verifyStore(Window owner) {
        return behindProgress(owner, T.get("verify.progress"), commands()::verify, r -> showVerifyReport(owner, r));
    }

    void showVerifyReport(Window owner, FullVerifier.Report r) {
        List<ReportDialog.Choice> ways = new ArrayList<>();
        if (!r.ok()) {
            // The newest backup that has a damaged session intact; restoring it brings back every
            // session as it was then (the current store is kept as a safety backup first).
            Optional<BackupRecord> wayBack = r.chains().stream().map(FullVerifier.ChainProblem::wayBack)
                    .flatMap(Optional::stream).findFirst();
            wayBack.ifPresent(b -> ways.add(new ReportDialog.Choice("verify-restore",
                    T.get("verify.restore", b.fileName()), () -> confirmRestore(owner, b))));
            ways.add(new ReportDialog.Choice("verify-export-intact", T.get("verify.exportIntact"),
                    () -> chooseAndExportIntact(owner)));
        }
        report(owner, T.get("verify.title"), T.get(r.ok() ? "verify.ok" : "verify.problems"), !r.ok(), figuresFirst(Texts.say(r.texts())), ways);
    }

    /** The report's closing line holds the figures; a reader wants them first, before the details. */
    static List<String> figuresFirst(List<String> lines) {
        List<String> out = new ArrayList<>();
        out.add(lines.get(lines.size() - 1));
        out.addAll(lines.subList(0, lines.size() - 1));
        return out;
    }

    public void chooseAndExportIntact(Window owner) {
        File d = directory(owner, T.get("intact.chooser"));
        if (d != null) {
            exportIntact(owner, d.toPath());
        }
    }

    public CompletableFuture<IntactExport.Result> exportIntact(Window owner, Path dir) {
        MaintenanceCommands commands = commands();
        return behindProgress(owner, T.get("intact.progress"), p -> commands.exportIntact(dir, p), r ->
                report(owner, T.get("intact.title"), T.get("intact.done", r.exported().sessions()),
                        !r.damaged().isEmpty(), Texts.say(r.texts()), List.of()));
    }

    void confirmRestore(Window owner, BackupRecord b) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
        confirm.initOwner(owner);
        confirm.setTitle(T.get("restore.title"));
        confirm.setHeaderText(T.get("restore.confirmHeader", b.fileName(), Texts.dateTime(b.createdAt())));
        confirm.setContentText(T.get("restore.confirmText", T.get("figures", b.sessionCount(), b.messageCount())));
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> restore(owner, b));
    }

    public CompletableFuture<PreUpgrade.Result> prepareForUpgrade(Window owner) {
        return behindProgress(owner, T.get("upgrade.progress"), commands()::prepareForUpgrade, r -> report(owner,
                T.get("upgrade.title"), T.get("upgrade.done"), false,
                List.of(T.get("upgrade.manifest", r.manifest().toString()),
                        T.get("upgrade.backup", r.backup().file().toString()),
                        T.get("upgrade.figures", r.sessions(), r.windows(), r.exportedSessions(), r.folder().toString()),
                        T.get("upgrade.check")),
                List.of()));
    }

    // ---- first run -----------------------------------------------------------------------------

    /** Asks once whether to import the Goose sessions found at their default place; remembers the answer. */
    public void offerGooseImport(GooseSessionsFinder.Finding finding) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION);
        ask.setTitle(T.get("goose.title"));
        ask.setHeaderText(found(finding));
        ask.setContentText(T.get("goose.text"));
        ButtonType importNow = new ButtonType(T.get("goose.import"), ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType(T.get("goose.notNow"), ButtonBar.ButtonData.CANCEL_CLOSE);
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

    private static String found(GooseSessionsFinder.Finding f) {
        String folder = f.folder().toString();
        if (f.database() == null) {
            return T.get("goose.foundFiles", folder, f.legacyFiles());
        }
        return f.legacyFiles() > 0 ? T.get("goose.foundBoth", folder, f.legacyFiles()) : T.get("goose.foundDatabase", folder);
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
        return BackgroundTask.withProgress(title, p -> work.run(Progress.saying(Wording.current(), p::update)))
                .onProgress(progress::update)
                .onSuccess(result -> {
                    progress.close();
                    onDone.accept(result);
                })
                .onError(cause -> {
                    progress.close();
                    LOG.error("{} failed", title, cause);
                    report(owner, title, T.get("task.failed", title), true, List.of(String.valueOf(cause.getMessage())), List.of());
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
            return T.get("size.kb", (bytes + 1023) / 1024);
        }
        return T.get("size.mb", bytes / (1024.0 * 1024));
    }
}
