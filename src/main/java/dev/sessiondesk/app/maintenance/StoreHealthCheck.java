package dev.sessiondesk.app.maintenance;

import dev.sessiondesk.store.ChainReport;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreException;
import dev.sessiondesk.store.StoreReport;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quick look at the store soon after the GUI starts (off the first frame): SQLite's
 * {@code quick_check} and every session's hash chain. A store whose pages are damaged stops taking
 * writes at once ({@link Store#refuseWrites}): new messages would be written among damaged pages and
 * acknowledged as if safe. Damaged sessions in an intact file are the windows' business (their banner).
 */
public final class StoreHealthCheck {
    private static final Logger LOG = LoggerFactory.getLogger(StoreHealthCheck.class);

    /** @param damage what is wrong with the file itself, or null; {@code sessions} the sessions that do not recompute */
    public record Result(String damage, List<ChainReport> sessions) {
        public boolean storeDamaged() {
            return damage != null;
        }
    }

    private final Store store;

    public StoreHealthCheck(Store store) {
        this.store = store;
    }

    /** Never throws; on damage the store is read-only afterwards, with a reason that says what to do. */
    public Result run() {
        Result first = look();
        Result result = first.storeDamaged() ? look() : first; // once more on a fresh connection: no alarm on a phantom
        if (result.storeDamaged()) {
            store.refuseWrites("the store " + store.dbFile() + " is damaged, so nothing more is written to it (what it"
                    + " holds stays readable): restore a backup, or export what is intact. Found: " + result.damage());
        } else if (!result.sessions().isEmpty()) {
            LOG.warn("{} session(s) do not recompute: {}", result.sessions().size(), result.sessions());
        }
        return result;
    }

    private Result look() {
        try {
            StoreReport report = store.verifier().verifyAll(false);
            String damage = "ok".equals(report.sqliteCheck()) ? null : "SQLite's quick_check found: " + report.sqliteCheck();
            return new Result(damage, report.problems());
        } catch (StoreException e) {
            if (e.kind() == StoreException.Kind.CORRUPT) {
                return new Result(e.getMessage(), List.of());
            }
            LOG.warn("the start-up check of {} could not run: {}", store.dbFile(), e.getMessage());
            return new Result(null, List.of()); // locked or busy: not a finding about the store
        }
    }
}
