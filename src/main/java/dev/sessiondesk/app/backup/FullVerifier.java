package dev.sessiondesk.app.backup;

import dev.sessiondesk.app.text.StoreWords;
import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.app.text.Wording;
import dev.sessiondesk.store.ChainReport;
import dev.sessiondesk.store.ReferenceChecks;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code verify --full} and Help → Verify Store: SQLite's {@code integrity_check}, every hash chain,
 * the windows' references and the search index; for each damaged session, the way back (the newest
 * verified backup that has it intact).
 */
public final class FullVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(FullVerifier.class);

    /** A damaged session and the newest verified backup that still has it intact (if any). */
    public record ChainProblem(ChainReport report, Optional<BackupRecord> wayBack) {
        public String describe() {
            return Wording.english().say(text());
        }

        public UserText text() {
            return UserText.of("verify", "chain", StoreWords.chain(report), wayBack.map(b -> UserText.of("verify",
                    "chain.wayBack", b.fileName(), b.createdAt(), b.sessions().get(report.sessionId()).messageCount()))
                    .orElse(UserText.of("verify", "chain.noWayBack")));
        }
    }

    /** Everything a full verify found; {@link #lines()} is the report a person reads. */
    public record Report(String integrityCheck, int sessions, int messages, List<ChainProblem> chains,
                         List<String> windows, List<String> searchIndex) {
        public boolean ok() {
            return "ok".equals(integrityCheck) && chains.isEmpty() && windows.isEmpty() && searchIndex.isEmpty();
        }

        /** The report in the CLI's English. */
        public List<String> lines() {
            return Wording.english().say(texts());
        }

        /** The report in no language yet (the CLI says it in English, Help → Verify Store in the user's language). */
        public List<UserText> texts() {
            List<UserText> out = new ArrayList<>();
            out.add(UserText.of("verify", "integrity", integrityCheck));
            chains.forEach(p -> out.add(p.text()));
            windows.forEach(w -> out.add(StoreWords.finding(w)));
            searchIndex.forEach(f -> out.add(StoreWords.finding(f)));
            out.add(UserText.of("verify", "figures", sessions, messages, chains.size(), windows.size(), searchIndex.size()));
            return out;
        }
    }

    private final Store store;
    private final BackupCatalog backups;

    public FullVerifier(Store store, BackupCatalog backups) {
        this.store = store;
        this.backups = backups;
    }

    public Report verify(Progress progress) {
        ReferenceChecks checks = new ReferenceChecks(store);
        progress.update(0, UserText.of("progress", "verify.integrity"));
        String integrity = checks.integrityCheck();
        progress.update(0.1, UserText.of("progress", "verify.chains"));
        // One scan of the whole store, hashing spread over the cores (each stored row once, forks included).
        List<ChainReport> reports = store.verifier().verifyChains("ok".equals(integrity)).chains();
        List<ChainProblem> chains = new ArrayList<>();
        int messages = 0;
        for (ChainReport r : reports) {
            messages += r.messagesChecked();
            if (!r.ok()) {
                chains.add(new ChainProblem(r, wayBack(r)));
            }
        }
        int sessions = reports.size();
        progress.update(0.8, UserText.of("progress", "verify.verified", sessions));
        progress.update(0.85, UserText.of("progress", "verify.windows"));
        List<String> windows = checks.windowProblems();
        progress.update(0.9, UserText.of("progress", "verify.searchIndex"));
        List<String> fts = checks.searchIndexProblems();
        progress.update(1, UserText.of("progress", "verify.done"));
        return new Report(integrity, sessions, messages, chains, windows, fts);
    }

    /**
     * The newest verified backup whose copy of the session still recomputes: each backup's chains were
     * recomputed when it was taken (a backup taken after the damage would have failed and never
     * counted), and re-checking the copy now also rules out damage to the backup file itself.
     */
    private Optional<BackupRecord> wayBack(ChainReport r) {
        for (BackupRecord b : backups.list()) {
            if (!b.sessions().containsKey(r.sessionId())) {
                continue;
            }
            try (Store copy = Store.openReadOnly(b.file())) {
                if (copy.verifier().verifySession(r.sessionId()).ok()) {
                    return Optional.of(b);
                }
            } catch (StoreException e) {
                LOG.warn("cannot read the backup {} while looking for session {}: {}", b.file(), r.sessionId(),
                        e.getMessage());
            }
        }
        return Optional.empty();
    }
}
