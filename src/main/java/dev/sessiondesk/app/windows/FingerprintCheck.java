package dev.sessiondesk.app.windows;

import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.GooseMessages;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.ChainReport;
import dev.sessiondesk.store.HashChain;
import dev.sessiondesk.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
        MISSING,
        /** Changed or damaged, and the user chose to keep it as it is (this very finding). */
        ACCEPTED
    }

    /** @param finding what is wrong, for MISMATCH, MISSING and ACCEPTED; else null */
    public record Result(String sessionId, Verdict verdict, String detail, Session session, Finding finding) {
        public boolean showable() {
            return verdict == Verdict.OK || verdict == Verdict.GREW || verdict == Verdict.ACCEPTED;
        }
    }

    private final Store store;
    private final AcceptedFindings accepted;

    public FingerprintCheck(Store store) {
        this(store, null);
    }

    /** @param accepted the findings the user chose to keep, or null to flag every one */
    public FingerprintCheck(Store store, AcceptedFindings accepted) {
        this.store = store;
        this.accepted = accepted;
    }

    /** Call off the UI thread: it recomputes the session's hash chain. */
    public Result check(String sessionId, Fingerprint remembered) {
        Optional<Session> session = store.sessions().get(sessionId);
        if (session.isEmpty()) {
            Finding gone = new Finding(sessionId, null, Finding.Change.SESSION_MISSING, 0, remembered.messageCount(),
                    null, sessionId + "/gone");
            return new Result(sessionId, Verdict.MISSING, "session " + sessionId + " is no longer in the store", null, gone);
        }
        ChainReport report = store.verifier().checkExtends(sessionId, remembered);
        if (!report.ok()) {
            Finding finding = findingOf(session.get(), report);
            Verdict verdict = accepted != null && accepted.contains(finding) ? Verdict.ACCEPTED : Verdict.MISMATCH;
            return new Result(sessionId, verdict, "session " + sessionId + ", message " + report.firstBadSeq()
                    + ": " + report.problem(), session.get(), finding);
        }
        Verdict verdict = report.messagesChecked() > remembered.messageCount() ? Verdict.GREW : Verdict.OK;
        return new Result(sessionId, verdict, report.toString(), session.get(), null);
    }

    /**
     * The finding in a person's terms. Its key names the session's whole set of findings: the first
     * bad message as the chain check reports it (with the chain's head before it), and then every
     * message that does not match its own stored hash together with what it holds now. The same
     * damage gives the same key; the same message changed again, or a later message changed too,
     * gives a new one, so "Keep as it is" covers exactly what the user saw.
     */
    private Finding findingOf(Session s, ChainReport report) {
        int seq = report.firstBadSeq() == null ? 0 : report.firstBadSeq();
        Finding.Change change = Finding.changeOf(report.problem());
        Long sentAt = store.messages().get(s.id(), seq).map(m -> m.created()).orElse(null);
        String key = s.id() + "/" + seq + "/" + change + "/" + report.recomputedHead() + "/" + everyFinding(s.id(), report);
        return new Finding(s.id(), s.displayTitle(), change, seq, Math.max(s.messageCount(), seq), sentAt, key);
    }

    /**
     * A digest of each message that is not what its stored hash says (recomputed from its stored
     * predecessor, so a damaged message does not mark those after it), of each gap in the numbering, and
     * of what the chain check said. Appending messages after the user kept the session leaves it alone.
     */
    private String everyFinding(String sessionId, ChainReport report) {
        MessageDigest sha = sha256();
        sha.update(String.valueOf(report.problem()).getBytes(StandardCharsets.UTF_8));
        try {
            String previous = HashChain.genesis();
            int expected = 1;
            for (Message m : store.messages().list(sessionId)) {
                if (m.seq() != expected) {
                    sha.update(("\n" + expected + ":gap:" + m.seq()).getBytes(StandardCharsets.UTF_8));
                }
                expected = m.seq() + 1;
                if (m.state() == MessageState.STREAMING) {
                    continue;
                }
                byte[] canonical = GooseMessages.canonicalBytesOfStored(m.body());
                if (!HashChain.next(previous, canonical).equals(m.hash())) {
                    sha.update(("\n" + m.seq() + ":").getBytes(StandardCharsets.UTF_8));
                    sha.update(sha256().digest(canonical));
                }
                previous = m.hash() == null ? previous : m.hash();
            }
        } catch (RuntimeException unreadable) { // a row edited so far that it no longer reads: its words say what
            sha.update(String.valueOf(unreadable.getMessage()).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
