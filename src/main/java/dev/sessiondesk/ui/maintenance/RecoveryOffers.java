package dev.sessiondesk.ui.maintenance;

import dev.sessiondesk.app.backup.BackupRecord;
import dev.sessiondesk.app.client.MaintenanceCommands;
import dev.sessiondesk.app.client.OpenStore;
import dev.sessiondesk.app.maintenance.SessionRestore;
import dev.sessiondesk.app.maintenance.StoreHealthCheck;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.windows.Finding;
import dev.sessiondesk.ui.chat.Banner;
import dev.sessiondesk.ui.chat.ChatWindow;
import dev.sessiondesk.ui.chat.StatusKind;
import dev.sessiondesk.ui.i18n.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the GUI offers when the store or a session is not as it was saved: the upgrade check's
 * {@link RecoveryDialog} before any window, the store check soon after the windows show (a damaged
 * store turns read-only and every window says so, with the ways on), and a window banner's choices —
 * "Restore this session from a backup…" (only that session comes back) and "Keep as it is" (the
 * choice is remembered, so the same finding does not ask again).
 */
public final class RecoveryOffers {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryOffers.class);
    private static final Texts TEXTS = Texts.of("recovery");

    private final MaintenanceHost host;
    private final MaintenanceController controller;
    /** What is wrong with the open store's file (every window shows it), or null while it is intact. */
    private final SimpleStringProperty damage = new SimpleStringProperty();
    private RecoveryDialog dialog;

    public RecoveryOffers(MaintenanceHost host, MaintenanceController controller) {
        this.host = host;
        this.controller = controller;
    }

    // ---- before the windows ----------------------------------------------------------------------

    /**
     * When the upgrade check found problems, the recovery dialog comes first (the daily backup, whose
     * rotation could drop a good backup, waits too). Returns false when there is nothing to show.
     */
    public boolean showUpgradeCheck(OpenStore opened, Runnable showWindows, Runnable quit) {
        if (opened.upgradeProblems().isEmpty()) {
            return false;
        }
        LOG.warn("the upgrade check found problems: {}", opened.upgradeProblems().get().problems());
        dialog = new RecoveryDialog(opened.upgradeProblems().get(), opened.commands().latestBackup().orElse(null),
                controller);
        dialog.show(() -> {
            dialog = null;
            showWindows.run();
        }, quit);
        return true;
    }

    /** The upgrade recovery dialog while it replaces the windows, else null. */
    public RecoveryDialog dialog() {
        return dialog;
    }

    // ---- every window ----------------------------------------------------------------------------

    /** The banner's choices and the damaged-store notice, in {@code window}. */
    public void addTo(ChatWindow window) {
        window.addBannerChoice("banner-restore-session", TEXTS.get("banner.restoreSession"), () -> restoreSession(window));
        window.addBannerChoice("banner-keep", TEXTS.get("banner.keep"), () -> keepAsItIs(window));
        window.showStoreNotice(storeNotice(window));
    }

    private VBox storeNotice(ChatWindow window) {
        Label headline = new Label(TEXTS.get("store.damaged.headline"));
        headline.getStyleClass().add("banner-headline");
        headline.setWrapText(true);
        Label detail = new Label(TEXTS.get("store.damaged.detail"));
        detail.getStyleClass().add("banner-detail");
        detail.setWrapText(true);
        Label why = new Label();
        why.getStyleClass().add("banner-detail");
        why.setWrapText(true);
        why.textProperty().bind(damage.map(d -> TEXTS.get("store.damaged.why", d)));
        Button restore = new Button(TEXTS.get("store.damaged.restore"));
        restore.setId("store-damaged-restore");
        restore.setOnAction(e -> controller.chooseAndRestore(window.stage()));
        Button export = new Button(TEXTS.get("store.damaged.export"));
        export.setId("store-damaged-export");
        export.setOnAction(e -> controller.chooseAndExportIntact(window.stage()));
        for (Label l : List.of(headline, detail, why)) {
            l.setMinHeight(Region.USE_PREF_SIZE); // wrap to as many lines as it needs, never cut off
        }
        VBox notice = new VBox(6, headline, detail, why, new HBox(8, restore, export));
        notice.setId("store-damaged");
        notice.getStyleClass().add("banner");
        notice.visibleProperty().bind(damage.isNotNull());
        notice.managedProperty().bind(notice.visibleProperty());
        return notice;
    }

    /** What is wrong with the open store's file, or null; every window's notice shows while it is set. */
    public ReadOnlyStringProperty storeDamage() {
        return damage;
    }

    // ---- soon after the windows ------------------------------------------------------------------

    /**
     * Checks the store in the background (never on the FX thread, after the first frame). A damaged
     * store is read-only from then on; every window shows the notice and the reason in its status line.
     */
    public CompletableFuture<StoreHealthCheck.Result> checkStore(OpenStore opened, BooleanSupplier stillOpen,
                                                                 Supplier<List<ChatWindow>> windows) {
        damage.set(null);
        return BackgroundTask.supply("check the store", opened::checkHealth)
                .onSuccess(r -> {
                    if (r.storeDamaged() && stillOpen.getAsBoolean()) {
                        damage.set(r.damage());
                        String line = TEXTS.get("store.damaged.status");
                        windows.get().forEach(w -> w.viewModel().status().report(StatusKind.ERROR, line));
                    }
                })
                .executeWith(host.tasks());
    }

    // ---- a window's banner -----------------------------------------------------------------------

    /**
     * "Restore this session from a backup…": finds the newest verified backup with an intact copy of
     * the session and offers to bring back only that session. Completes with the backup found.
     */
    public CompletableFuture<Optional<BackupRecord>> restoreSession(ChatWindow window) {
        Banner banner = window.viewModel().bannerProperty().get();
        if (banner == null || banner.finding() == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Finding f = banner.finding();
        Window owner = window.stage();
        MaintenanceCommands commands = host.store().commands();
        String title = titleOf(f);
        String heading = TEXTS.get("restore.title");
        return controller.behindProgress(owner, TEXTS.get("restore.looking", title),
                p -> commands.sessionBackup(f.sessionId(), f.seq()), found -> {
                    if (found.isEmpty()) {
                        controller.report(owner, heading, TEXTS.get("restore.none.headline", title), true,
                                List.of(TEXTS.get("restore.none.why", f.seq()), TEXTS.get("restore.none.keep")), List.of());
                        return;
                    }
                    BackupRecord b = found.get();
                    int held = b.sessions().get(f.sessionId()).messageCount();
                    controller.report(owner, heading, TEXTS.get("restore.found.headline", title, when(b)), false,
                            List.of(TEXTS.get("restore.found.holds", held, b.fileName()), TEXTS.get("restore.found.only")),
                            List.of(new ReportDialog.Choice("banner-restore", TEXTS.get("restore.confirm"),
                                    () -> confirmed(window, f, b))));
                });
    }

    private void confirmed(ChatWindow window, Finding f, BackupRecord b) {
        Window owner = window.stage();
        MaintenanceCommands commands = host.store().commands();
        String title = titleOf(f);
        controller.behindProgress(owner, TEXTS.get("restore.progress", title),
                p -> commands.restoreSession(f.sessionId(), f.seq(), p), r -> {
                    window.viewModel().openStoredSession(); // the banner goes: the session is whole again
                    host.sessionsChanged();
                    controller.report(owner, TEXTS.get("restore.title"), TEXTS.get("restore.done.headline", title, when(b)),
                            false, doneLines(r), List.of());
                });
    }

    private static List<String> doneLines(SessionRestore.Result r) {
        List<String> lines = new ArrayList<>();
        lines.add(TEXTS.get("restore.done.counts", r.messagesFromBackup(), r.messagesKept()));
        lines.add(TEXTS.get("restore.done.others"));
        lines.add(TEXTS.get(r.safetyCopyVerified() ? "restore.done.safety" : "restore.done.safetyUnverified",
                String.valueOf(r.safetyCopy())));
        return lines;
    }

    /** "Keep as it is": shows the session as stored now and remembers the choice for this finding. */
    public CompletableFuture<Void> keepAsItIs(ChatWindow window) {
        Banner banner = window.viewModel().bannerProperty().get();
        if (banner == null) {
            return CompletableFuture.completedFuture(null);
        }
        MaintenanceCommands commands = host.store().commands();
        Finding f = banner.finding();
        return BackgroundTask.run("keep session " + banner.sessionId() + " as it is", () -> {
                    if (f != null) {
                        commands.keepAsItIs(f);
                    }
                })
                .onSuccess(none -> window.viewModel().openStoredSession())
                .onError(e -> window.viewModel().status().report(StatusKind.ERROR,
                        TEXTS.get("keep.failed", MaintenanceController.reason(e))))
                .executeWith(host.tasks());
    }

    private static String titleOf(Finding f) {
        return f.title() == null || f.title().isBlank() ? TEXTS.get("banner.untitled") : f.title();
    }

    private static String when(BackupRecord b) {
        return Texts.dateTime(b.createdAt());
    }
}
