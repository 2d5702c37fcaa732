package dev.sessiondesk.torture;

import dev.sessiondesk.model.Draft;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.TitleSource;
import dev.sessiondesk.model.WindowBinding;
import dev.sessiondesk.store.ChainReport;
import dev.sessiondesk.store.PrivateFiles;
import dev.sessiondesk.store.SessionQuery;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a store against what was acknowledged: every promise the crash torture guards, counted by
 * the kind of damage so the summary can say "0 lost, 0 mixed-up windows, 0 chain errors".
 */
final class StoreInvariants {

    /** What one check found. Every problem is also described in {@link #problems}. */
    static final class Verdict {
        int lost;
        int mixedUpWindows;
        int chainErrors;
        int misplaced;
        int other;
        final List<String> problems = new ArrayList<>();

        boolean ok() {
            return problems.isEmpty();
        }

        void add(Verdict v) {
            lost += v.lost;
            mixedUpWindows += v.mixedUpWindows;
            chainErrors += v.chainErrors;
            misplaced += v.misplaced;
            other += v.other;
            problems.addAll(v.problems);
        }
    }

    /** The store as seen by one check, kept so the expected state can adopt it afterwards. */
    record Snapshot(Map<String, Session> sessions, Map<String, List<Message>> messages, List<WindowBinding> windows,
                    Map<String, Draft> drafts) {
    }

    private StoreInvariants() {
    }

    static Snapshot snapshot(Store store, List<String> windowIds) {
        Map<String, Session> sessions = new HashMap<>();
        for (Session s : store.sessions().list(SessionQuery.all())) {
            sessions.put(s.id(), s);
        }
        for (Session s : store.sessions().list(SessionQuery.trash())) {
            sessions.put(s.id(), s);
        }
        Map<String, List<Message>> messages = new HashMap<>();
        for (String id : sessions.keySet()) {
            messages.put(id, store.messages().list(id));
        }
        Map<String, Draft> drafts = new HashMap<>();
        for (String w : windowIds) {
            store.drafts().get(w).ifPresent(d -> drafts.put(w, d));
        }
        return new Snapshot(sessions, messages, store.windows().all(), drafts);
    }

    static Verdict check(Store store, Snapshot seen, ExpectedState expected, ExpectedState.InFlight inFlight) {
        Verdict v = new Verdict();
        ExpectedState.InFlight none = new ExpectedState.InFlight("", "", "");
        ExpectedState.InFlight flying = inFlight == null ? none : inFlight;
        for (String p : expected.foldProblems) {
            v.other++;
            v.problems.add(p);
        }
        expected.foldProblems.clear();
        chains(store, v);
        messages(seen, expected, v);
        tags(seen, v);
        forksStoreOnlyTheirOwnRows(store, seen, v);
        windows(store, seen, expected, flying, v);
        drafts(seen, expected, flying, v);
        titles(seen, expected, flying, v);
        activeAndTrash(seen, expected, flying, v);
        permissions(store.dataDir(), v);
        return v;
    }

    private static void chains(Store store, Verdict v) {
        StoreReport report = store.verifier().verifyAll(false);
        if (!"ok".equals(report.sqliteCheck())) {
            v.chainErrors++;
            v.problems.add("quick_check: " + report.sqliteCheck());
        }
        for (ChainReport bad : report.problems()) {
            v.chainErrors++;
            v.problems.add("chain: " + bad);
        }
    }

    private static Message at(Snapshot seen, String sessionId, int seq) {
        List<Message> list = seen.messages().get(sessionId);
        if (list == null || seq < 1 || seq > list.size()) {
            return null;
        }
        Message m = list.get(seq - 1);
        return m.seq() == seq ? m : null;
    }

    private static void messages(Snapshot seen, ExpectedState expected, Verdict v) {
        for (String s : expected.sessions) {
            if (!seen.sessions().containsKey(s)) {
                v.lost++;
                v.problems.add("acknowledged session " + s + " is missing");
            }
        }
        expected.messages.forEach((s, bySeq) -> bySeq.forEach((seq, want) -> {
            Message got = at(seen, s, seq);
            if (got == null) {
                v.lost++;
                v.problems.add("acknowledged message " + seq + " of session " + s + " is missing");
            } else if (got.state() == MessageState.STREAMING || !want.canonical().equals(TortureText.canonical(got.body()))
                    || !want.hash().equals(got.hash())) {
                v.lost++;
                v.problems.add("message " + seq + " of session " + s + " is not what was acknowledged: stored "
                        + got.state() + " " + TortureText.canonical(got.body()) + " hash " + got.hash() + ", acknowledged "
                        + want.canonical() + " hash " + want.hash());
            }
        }));
        for (ExpectedState.PendingStream p : expected.streams.values()) {
            Message got = at(seen, p.sessionId(), p.seq());
            String text = got == null ? null : TortureText.firstText(got.contentJson());
            if (got == null || got.role() != Role.ASSISTANT || !p.full().startsWith(text) || !text.startsWith(p.lastText())) {
                v.lost++;
                v.problems.add("streamed reply " + p.seq() + " of session " + p.sessionId() + " lost its checkpointed text: "
                        + "acknowledged \"" + p.lastText() + "\", stored " + (got == null ? "nothing" : got.state() + " \"" + text + "\""));
            }
        }
    }

    /** No message in the wrong session: its text names the session it was written to (a fork copies its parent's). */
    private static void tags(Snapshot seen, Verdict v) {
        seen.messages().forEach((s, list) -> {
            Session session = seen.sessions().get(s);
            int inherited = session.parentSessionId() == null ? 0 : Objects.requireNonNullElse(session.parentSeq(), 0);
            for (Message m : list) {
                if (m.seq() <= inherited) {
                    Message original = at(seen, session.parentSessionId(), m.seq());
                    if (original != null && !TortureText.canonical(original.body()).equals(TortureText.canonical(m.body()))) {
                        v.misplaced++;
                        v.problems.add("message " + m.seq() + " of fork " + s + " differs from its parent's");
                    }
                    continue;
                }
                String tag = TortureText.sessionTag(TortureText.firstText(m.contentJson()));
                if (tag == null && session.origin() != null) {
                    continue; // an imported message: written before its session had an id to name
                }
                if (!s.equals(tag)) {
                    v.misplaced++;
                    v.problems.add("message " + m.seq() + " of session " + s + " was written for session " + tag);
                }
            }
        });
    }

    /** A fork refers to its parent's prefix (schema 5): it stores no row at or below parent_seq, and the parent exists. */
    private static void forksStoreOnlyTheirOwnRows(Store store, Snapshot seen, Verdict v) {
        seen.sessions().forEach((id, s) -> {
            if (s.parentSessionId() == null || s.parentSeq() == null) {
                return;
            }
            if (!seen.sessions().containsKey(s.parentSessionId())) {
                v.lost++;
                v.problems.add("fork " + id + " refers to parent " + s.parentSessionId() + ", which is gone");
            }
            for (Message own : store.messages().listOwn(id)) {
                if (own.seq() <= s.parentSeq()) {
                    v.other++;
                    v.problems.add("fork " + id + " stores a copy of message " + own.seq() + " of its parent"
                            + " (it shares 1.." + s.parentSeq() + " by reference)");
                    break;
                }
            }
        });
    }

    private static void windows(Store store, Snapshot seen, ExpectedState expected, ExpectedState.InFlight flying,
                                Verdict v) {
        Map<String, WindowBinding> stored = new HashMap<>();
        for (WindowBinding b : seen.windows()) {
            stored.put(b.windowId(), b);
            ChainReport extends_ = store.verifier().checkExtends(b.sessionId(), b.fingerprint());
            if (!extends_.ok()) {
                v.mixedUpWindows++;
                v.problems.add("window " + b.windowId() + " points to session " + b.sessionId() + " whose chain does not"
                        + " extend the fingerprint " + b.fingerprint() + ": " + extends_);
            }
        }
        expected.windows.forEach((w, want) -> {
            WindowBinding got = stored.get(w);
            boolean same = got != null && want.sessionId().equals(got.sessionId())
                    && want.fpCount() == got.fingerprint().messageCount() && want.fpHead().equals(got.fingerprint().headHash())
                    && want.x() == got.x() && want.y() == got.y() && want.width() == got.width() && want.height() == got.height();
            if (!same && !flying.touchesWindow(w)) {
                v.mixedUpWindows++;
                v.problems.add("window " + w + " should show session " + want.sessionId() + " at " + want.fpCount()
                        + " messages but the store has " + got);
            }
        });
    }

    private static void drafts(Snapshot seen, ExpectedState expected, ExpectedState.InFlight flying, Verdict v) {
        for (String w : ChildWorld.WINDOWS) {
            long want = expected.drafts.getOrDefault(w, 0L);
            Draft got = seen.drafts().get(w);
            long n = got == null ? 0 : TortureText.draftNumber(w, got.text());
            boolean fine = n == want || (flying.touchesWindow(w) && n == want + 1);
            if (!fine) {
                v.other++;
                v.problems.add("draft of window " + w + " is " + (got == null ? "missing" : "\"" + got.text() + "\"")
                        + "; the last acknowledged save was #" + want);
            }
        }
    }

    private static void titles(Snapshot seen, ExpectedState expected, ExpectedState.InFlight flying, Verdict v) {
        seen.sessions().forEach((id, s) -> {
            ExpectedState.ExpectedTitle want = expected.titles.get(id);
            if (want != null && !(want.title().equals(s.title()) && want.source() == s.titleSource())
                    && !flying.touchesSession(id, "rename", "autoTitle")) {
                v.other++;
                v.problems.add("session " + id + " has title \"" + s.title() + "\" (" + s.titleSource() + "), acknowledged \""
                        + want.title() + "\" (" + want.source() + ")");
            }
            if (want != null && want.source() == TitleSource.USER && s.titleSource() != TitleSource.USER) {
                v.other++;
                v.problems.add("the user's title of session " + id + " was replaced by \"" + s.title() + "\"");
            }
            boolean forkTitle = s.parentSessionId() != null && s.title().endsWith(" (fork)");
            String tag = TortureText.sessionTag(s.title());
            boolean importedTitle = tag == null && s.origin() != null; // taken from the imported file
            if (!s.title().isEmpty() && !forkTitle && !importedTitle && !id.equals(tag)) {
                v.misplaced++;
                v.problems.add("session " + id + " has a title meant for session " + tag + ": \"" + s.title() + "\"");
            }
        });
    }

    private static void activeAndTrash(Snapshot seen, ExpectedState expected, ExpectedState.InFlight flying, Verdict v) {
        List<String> active = seen.sessions().values().stream().filter(Session::active).map(Session::id).toList();
        if (active.size() > 1) {
            v.other++;
            v.problems.add("more than one active session: " + active);
        }
        String got = active.isEmpty() ? null : active.get(0);
        boolean activeMayDiffer = flying.kind().equals("active")
                || (flying.kind().equals("trash") && Objects.equals(flying.sessionId(), expected.active));
        if (!Objects.equals(got, expected.active) && !activeMayDiffer) {
            v.other++;
            v.problems.add("the active session is " + got + ", acknowledged " + expected.active);
        }
        seen.sessions().forEach((id, s) -> {
            if (s.inTrash() != expected.trashed.contains(id) && !flying.touchesSession(id, "trash", "restore")
                    && expected.sessions.contains(id)) {
                v.other++;
                v.problems.add("session " + id + (s.inTrash() ? " is in the trash" : " is not in the trash")
                        + " against what was acknowledged");
            }
        });
    }

    private static final Set<PosixFilePermission> DIR = PrivateFiles.DIR;
    private static final Set<PosixFilePermission> FILE = PrivateFiles.FILE;

    static void permissions(Path dataDir, Verdict v) {
        try {
            check(dataDir, DIR, v);
            for (String name : new String[] {Store.FILE_NAME, Store.FILE_NAME + "-wal", Store.FILE_NAME + "-shm"}) {
                Path f = dataDir.resolve(name);
                if (Files.exists(f)) {
                    check(f, FILE, v);
                }
            }
        } catch (IOException e) {
            v.other++;
            v.problems.add("cannot read permissions in " + dataDir + ": " + e);
        }
    }

    private static void check(Path p, Set<PosixFilePermission> want, Verdict v) throws IOException {
        Set<PosixFilePermission> got = Files.getPosixFilePermissions(p);
        if (!got.equals(want)) {
            v.other++;
            v.problems.add(p + " is " + PosixFilePermissions.toString(got) + ", should be " + PosixFilePermissions.toString(want));
        }
    }

    /** After a check: what the store holds now is durable and becomes part of what must be kept. */
    static void adopt(Snapshot seen, ExpectedState expected) {
        seen.messages().forEach((s, list) -> {
            for (Message m : list) {
                // A reply whose owner is gone reads as interrupted before any writer has ended it: it is
                // still an unhashed streaming row in the store, so it stays an expected stream.
                if (m.state() != MessageState.STREAMING && m.hash() != null) {
                    expected.messages.computeIfAbsent(s, k -> new java.util.TreeMap<>())
                            .put(m.seq(), new ExpectedState.ExpectedMessage(TortureText.canonical(m.body()), m.hash()));
                    expected.streams.remove(ExpectedState.key(s, m.seq()));
                }
            }
        });
        expected.sessions.addAll(seen.sessions().keySet());
        expected.windows.clear();
        for (WindowBinding b : seen.windows()) {
            expected.windows.put(b.windowId(), new ExpectedState.ExpectedWindow(b.sessionId(), b.fingerprint().messageCount(),
                    b.fingerprint().headHash(), b.x(), b.y(), b.width(), b.height()));
        }
        expected.drafts.clear();
        seen.drafts().forEach((w, d) -> expected.drafts.put(w, TortureText.draftNumber(w, d.text())));
        expected.trashed.clear();
        expected.active = null;
        seen.sessions().forEach((id, s) -> {
            expected.titles.put(id, new ExpectedState.ExpectedTitle(s.title(), s.titleSource()));
            if (s.inTrash()) {
                expected.trashed.add(id);
            }
            if (s.active()) {
                expected.active = id;
            }
        });
    }
}
