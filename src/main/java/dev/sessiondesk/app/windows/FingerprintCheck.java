package dev.sessiondesk.app.windows;

import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.ChainReport;
import dev.sessiondesk.store.Store;
import java.util.Optional;

/**
 * Decides at restore whether a window may show its session as it is stored now: the stored chain
 * must extend the prefix the window remembered (promise P4). Append-only growth is fine; anything
 * else is reported so the window can ask the user instead of silently showing other content.
 */
public final class FingerprintCheck {

    public enum Verdict {
        /** Exactly what the window showed. */
        OK,
        /** What the window showed, plus messages added since (another client, a reply). */
        GREW,
        /** The stored session no longer begins with what the window showed (rewritten, damaged). */
        MISMATCH,
        /** The session is gone from the store. */
        MISSING
    }

    public record Result(String sessionId, Verdict verdict, String detail, Session session) {
        public boolean showable() {
            return verdict == Verdict.OK || verdict == Verdict.GREW;
        }
    }

    private final Store store;

    public FingerprintCheck(Store store) {
        this.store = store;
    }

    /** Call off the UI thread: it recomputes the session's hash chain. */
    public Result check(String sessionId, Fingerprint remembered) {
        Optional<Session> session = store.sessions().get(sessionId);
        if (session.isEmpty()) {
            return new Result(sessionId, Verdict.MISSING, "session " + sessionId + " is no longer in the store", null);
        }
        ChainReport report = store.verifier().checkExtends(sessionId, remembered);
        if (!report.ok()) {
            return new Result(sessionId, Verdict.MISMATCH, "session " + sessionId + ", message " + report.firstBadSeq()
                    + ": " + report.problem(), session.get());
        }
        Verdict verdict = report.messagesChecked() > remembered.messageCount() ? Verdict.GREW : Verdict.OK;
        return new Result(sessionId, verdict, report.toString(), session.get());
    }
}
