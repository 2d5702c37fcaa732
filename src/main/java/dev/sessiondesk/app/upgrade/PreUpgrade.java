package dev.sessiondesk.app.upgrade;

import dev.sessiondesk.app.SessionExporter;
import dev.sessiondesk.app.AllSessionsExporter;
import dev.sessiondesk.app.windows.FingerprintCheck;
import dev.sessiondesk.app.backup.BackupFailedException;
import dev.sessiondesk.app.backup.BackupRecord;
import dev.sessiondesk.app.backup.BackupService;
import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.WindowBinding;
import dev.sessiondesk.store.AppVersion;
import dev.sessiondesk.store.PrivateFiles;
import dev.sessiondesk.store.SessionQuery;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreException;
import java.nio.file.Files;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code sessiondesk pre-upgrade} (run by an installer before it replaces the program): makes sure no
 * SessionDesk is still writing, takes a verified backup, exports the sessions open in windows to JSON
 * and Markdown under {@code <data>/upgrade-<UTC time>/}, and writes {@code upgrade-manifest.json}
 * there. Any failed check throws {@link Failed} with the reason, so the installer stops.
 */
public final class PreUpgrade {
    public static final String FOLDER_PREFIX = "upgrade-";
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration QUIT_TIMEOUT = Duration.ofSeconds(30);

    /** A check failed; the message is the reason an installer shows. */
    public static final class Failed extends Exception {
        public Failed(String message) {
            super(message);
        }
    }

    /** What pre-upgrade left behind. */
    public record Result(Path folder, Path manifest, BackupRecord backup, int sessions, int exportedSessions,
                         int windows) {
    }

    private final Path dataDir;
    private final RunningAppChannel runningApp;
    private final Clock clock;

    public PreUpgrade(Path dataDir, RunningAppChannel runningApp, Clock clock) {
        this.dataDir = dataDir.toAbsolutePath();
        this.runningApp = runningApp;
        this.clock = clock;
    }

    public Result run(Progress progress) throws Failed, IOException {
        progress.update(0, UserText.of("progress", "upgrade.asking"));
        RunningAppChannel.Outcome outcome = runningApp.askToSaveAndQuit(QUIT_TIMEOUT);
        if (outcome == RunningAppChannel.Outcome.DID_NOT_QUIT) {
            throw new Failed("the running SessionDesk did not save and quit within " + QUIT_TIMEOUT.toSeconds()
                    + " s; quit it and run pre-upgrade again");
        }
        Path db = dataDir.resolve(Store.FILE_NAME);
        if (!Files.isRegularFile(db)) {
            throw new Failed("there is no store at " + db + " to prepare");
        }
        // Read-only: pre-upgrade runs with the version being replaced and must not change the store
        // (no migration, no writes); the new version migrates it after its own verified backup.
        try (Store store = Store.openReadOnly(db)) {
            refuseIfAnotherAppIsLive(store);
            // Every window is checked before anything is written: a refused upgrade leaves the data
            // folder exactly as it was (the installer keeps the old version).
            List<WindowBinding> windows = store.windows().all();
            Set<String> windowSessions = checkWindows(store, windows);
            BackupRecord backup;
            try {
                backup = new BackupService(dataDir).backup("pre-upgrade", progress.part(0.05, 0.6));
            } catch (BackupFailedException e) {
                throw new Failed("the backup before the upgrade failed: " + e.getMessage());
            }
            Path folder = PrivateFiles.ensureDirectory(dataDir.resolve(FOLDER_PREFIX + STAMP.format(clock.instant())));
            progress.update(0.6, UserText.of("progress", "upgrade.exporting", windowSessions.size()));
            AllSessionsExporter.Summary exported = new AllSessionsExporter(store, new SessionExporter(store))
                    .export(windowSessions, folder, progress.part(0.6, 0.9));
            Map<String, Fingerprint> sessions = new TreeMap<>();
            List<Session> all = new ArrayList<>(store.sessions().list(SessionQuery.all()));
            all.addAll(store.sessions().list(SessionQuery.trash()));
            for (Session s : all) {
                Fingerprint inBackup = backup.sessions().get(s.id());
                if (!s.fingerprint().equals(inBackup)) {
                    throw new Failed("session " + s.id() + " changed while preparing (" + s.fingerprint() + " now, "
                            + inBackup + " in the backup); something is still writing to " + db);
                }
                sessions.put(s.id(), s.fingerprint());
            }
            List<UpgradeManifest.Window> bindings = windows.stream()
                    .map(w -> new UpgradeManifest.Window(w.windowId(), w.sessionId(), w.open(), w.fingerprint()))
                    .toList();
            UpgradeManifest manifest = new UpgradeManifest(clock.instant(), AppVersion.current(), store.schemaVersion(),
                    backup.file().toString(), sessions, bindings);
            Path manifestFile = folder.resolve(UpgradeManifest.FILE_NAME);
            manifest.write(manifestFile);
            progress.update(1, UserText.of("progress", "upgrade.ready"));
            return new Result(folder, manifestFile, backup, sessions.size(), exported.sessions(), bindings.size());
        } catch (StoreException e) {
            throw new Failed(e.getMessage());
        }
    }

    /**
     * The sessions open in windows, once every window's session exists and every open window's
     * session still begins with what the window showed (its fingerprint). A window whose session
     * fails that check would come back after the upgrade with content nobody has looked at, so the
     * upgrade waits until the user has dealt with it.
     */
    private static Set<String> checkWindows(Store store, List<WindowBinding> windows) throws Failed {
        Set<String> windowSessions = new LinkedHashSet<>();
        FingerprintCheck fingerprints = new FingerprintCheck(store);
        for (WindowBinding w : windows) {
            if (w.sessionId() == null) {
                continue;
            }
            if (store.sessions().get(w.sessionId()).isEmpty()) {
                throw new Failed("window " + w.windowId() + " points to session " + w.sessionId()
                        + ", which does not exist; run `sessiondesk verify --full`");
            }
            if (!w.open()) {
                continue;
            }
            FingerprintCheck.Result check = fingerprints.check(w.sessionId(), w.fingerprint());
            if (!check.showable()) {
                throw new Failed("window " + w.windowId() + " shows session \"" + check.session().displayTitle()
                        + "\", which no longer matches what the window showed (" + check.detail()
                        + "); open SessionDesk and resolve the window's banner, or run `sessiondesk verify --full`");
            }
            windowSessions.add(w.sessionId());
        }
        return windowSessions;
    }

    private void refuseIfAnotherAppIsLive(Store store) throws Failed {
        Optional<String> live = LiveApp.describe(store, clock);
        if (live.isPresent()) {
            throw new Failed(live.get());
        }
    }
}
