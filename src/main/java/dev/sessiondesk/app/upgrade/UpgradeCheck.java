package dev.sessiondesk.app.upgrade;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.app.text.StoreWords;
import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.app.text.Wording;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.WindowBinding;
import dev.sessiondesk.store.AppVersion;
import dev.sessiondesk.store.ChainReport;
import dev.sessiondesk.store.PrivateFiles;
import dev.sessiondesk.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first start of a new version: compares the store with the latest {@code upgrade-manifest.json}.
 * Every session must still have at least its recorded messages, with the recorded head at that position
 * of a chain that recomputes; every window must still point to its own session. A mismatch is shown as
 * a recovery dialog instead of the normal windows.
 */
public final class UpgradeCheck {
    private static final Logger LOG = LoggerFactory.getLogger(UpgradeCheck.class);
    static final String RESULT_FILE = "upgrade-check.json";

    /** What the check found; {@code problems} is empty when the upgrade lost and mixed up nothing. */
    public record Report(Path manifest, String fromVersion, int sessionsChecked, int windowsChecked,
                         List<UserText> problemTexts) {
        public Report {
            problemTexts = List.copyOf(problemTexts);
        }

        public boolean ok() {
            return problemTexts.isEmpty();
        }

        /** The problems in the CLI's English. */
        public List<String> problems() {
            return Wording.english().say(problemTexts);
        }
    }

    private final Store store;
    private final Path dataDir;
    private final Clock clock;

    public UpgradeCheck(Store store, Clock clock) {
        this.store = store;
        this.dataDir = store.dataDir();
        this.clock = clock;
    }

    /** The newest manifest in the data folder, if any. */
    public Optional<Path> latestManifest() throws IOException {
        Path newest = null;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(dataDir, PreUpgrade.FOLDER_PREFIX + "*")) {
            for (Path d : dirs) {
                Path m = d.resolve(UpgradeManifest.FILE_NAME);
                if (Files.isRegularFile(m) && (newest == null
                        || d.getFileName().toString().compareTo(newest.getParent().getFileName().toString()) > 0)) {
                    newest = m;
                }
            }
        }
        return Optional.ofNullable(newest);
    }

    /**
     * Checks the newest manifest unless this version already found it good. Empty when there is
     * nothing to check. A good result is recorded beside the manifest; a bad one is not, so the
     * recovery dialog keeps coming back until the user resolves it.
     */
    public Optional<Report> checkPending() throws IOException {
        Optional<Path> manifest = latestManifest();
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        Path result = manifest.get().resolveSibling(RESULT_FILE);
        if (Files.isRegularFile(result)
                && AppVersion.current().equals(CanonicalJson.MAPPER.readTree(Files.readAllBytes(result))
                .path("app_version").asText())) {
            pruneOldFolders();
            return Optional.empty();
        }
        Report report = check(manifest.get());
        if (report.ok()) {
            ObjectNode o = CanonicalJson.MAPPER.createObjectNode();
            o.put("app_version", AppVersion.current());
            o.put("checked_at", clock.instant().toString());
            o.put("sessions", report.sessionsChecked());
            o.put("windows", report.windowsChecked());
            PrivateFiles.writeAtomically(result, CanonicalJson.write(o).getBytes(StandardCharsets.UTF_8));
            pruneOldFolders();
        }
        return Optional.of(report);
    }

    /** Old upgrade folders go only after the newest upgrade checked good; failing to remove one is not the upgrade's problem. */
    private void pruneOldFolders() {
        try {
            new UpgradeFolders(dataDir).prune();
        } catch (IOException e) {
            LOG.warn("cannot remove old upgrade folders in {}: {}", dataDir, e.getMessage());
        }
    }

    public Report check(Path manifestFile) throws IOException {
        UpgradeManifest m = UpgradeManifest.read(manifestFile);
        List<UserText> problems = new ArrayList<>();
        for (Map.Entry<String, Fingerprint> e : m.sessions().entrySet()) {
            String id = e.getKey();
            Fingerprint then = e.getValue();
            if (store.sessions().get(id).isEmpty()) {
                problems.add(UserText.of("upgrade", "sessionMissing", id, then.messageCount()));
                continue;
            }
            ChainReport r = store.verifier().checkExtends(id, then);
            if (!r.ok()) {
                problems.add(UserText.of("upgrade", "sessionChanged", id, StoreWords.problem(r.problem()), r.firstBadSeq(),
                        then.messageCount()));
            }
        }
        for (UpgradeManifest.Window w : m.windows()) {
            Optional<WindowBinding> now = store.windows().get(w.windowId());
            if (now.isEmpty()) {
                problems.add(UserText.of("upgrade", "windowGone", w.windowId(), w.sessionId()));
            } else if (!java.util.Objects.equals(now.get().sessionId(), w.sessionId())) {
                problems.add(UserText.of("upgrade", "windowMoved", w.windowId(), w.sessionId(), now.get().sessionId()));
            } else if (now.get().open() != w.open() && w.open()) {
                problems.add(UserText.of("upgrade", "windowClosed", w.windowId(), w.sessionId()));
            }
        }
        return new Report(manifestFile, m.appVersion(), m.sessions().size(), m.windows().size(), problems);
    }
}
