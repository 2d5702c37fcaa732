package dev.sessiondesk.app.importer;

import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.HashChain;
import dev.sessiondesk.store.ImportedSessions;
import dev.sessiondesk.store.ImportedSessions.Existing;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreTx;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one source session into the store in ONE writer transaction: it is there whole or not at
 * all. Identity is {@code origin + external_ref} (unique in the store), so a re-import finds the first
 * copy. What it then does is decided by the hash chain, inside the same transaction:
 *
 * <ul>
 *   <li>the stored chain at min(stored, source) messages equals the source's chain there → the
 *       source is already present (the stored session may have gone on in SessionDesk), or the
 *       stored session is a prefix of it and only the newer messages are appended;</li>
 *   <li>otherwise the source changed history: it is imported as a separate session whose ref is
 *       {@code <ref>#rev-<first 12 hex of the source's head hash>} (so importing that same file again
 *       is recognised too), and the report says so.</li>
 * </ul>
 */
final class ImportWriter {
    static final String PARTIAL_MARK = " (partial import)";
    private final Store store;
    private final ImportedSessions rows;
    private final String format;
    private final String sourcePath;
    /** {session id, origin, parent ref} of forks written before their parent; strings only. */
    private final List<String[]> unresolvedParents = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** message (by identity) → {previous hash, its hash}, for the current conversation; see {@link #sharedChain}. */
    private final Map<NewMessage, String[]> hashMemo = java.util.Collections.synchronizedMap(new IdentityHashMap<>());

    ImportWriter(Store store, ImportFormat format, String sourcePath) {
        this.store = store;
        this.rows = new ImportedSessions(store);
        this.format = format.wire();
        this.sourcePath = sourcePath;
    }

    /** Imports (or with {@code dryRun} only decides about) one session. */
    ImportOutcome write(SourceSession s, boolean dryRun) {
        StoreTx.Work<ImportOutcome> work = tx -> decideAndWrite(tx, s, dryRun);
        return dryRun ? StoreTx.read(store, "check session " + s.label(), work)
                : StoreTx.write(store, "import session " + s.label(), work);
    }

    /**
     * Imports several whole sessions in one transaction: each is still all-or-nothing (a failure rolls
     * back the batch and the caller retries them one by one), but thousands of small sessions do not
     * cost thousands of synchronous commits.
     */
    List<ImportOutcome> writeBatch(List<SourceSession> batch) {
        return StoreTx.write(store, "import " + batch.size() + " sessions", c -> {
            List<ImportOutcome> out = new java.util.ArrayList<>(batch.size());
            for (SourceSession s : batch) {
                out.add(decideAndWrite(c, s, false));
            }
            return out;
        });
    }

    private ImportOutcome decideAndWrite(StoreTx c, SourceSession s, boolean dryRun) {
        if (s.parentRef() == null) {
            hashMemo.clear(); // a new conversation: its branches (which follow it) share only its messages
        }
        Existing existing = find(c, s.origin(), s.externalRef());
        if (existing == null) {
            String id = dryRun ? null : insert(c, s, s.externalRef());
            return new ImportOutcome(ImportOutcome.Kind.IMPORTED, s.label(), id, s.messages().size(), null);
        }
        // Only a session seen before needs the source's chain (a new one gets its chain from the store).
        // Message ids one side lacks are taken from the stored session first: goose's migration gave its
        // database rows ids ("msg_<session>_<row>") that the JSONL lines it left behind lack ("id": null),
        // and the two are the same session, not a revision of it.
        SourceSession matched = withStoredIds(c, s, existing);
        ImportOutcome same = continueExisting(c, matched, sharedChain(matched.messages()), existing, dryRun);
        if (same != null) {
            return same;
        }
        String[] chain = sharedChain(s.messages());
        String copyRef = s.externalRef() + "#rev-" + chain[chain.length - 1].substring(0, 12);
        Existing copy = find(c, s.origin(), copyRef);
        if (copy != null) {
            ImportOutcome again = continueExisting(c, s, chain, copy, dryRun);
            if (again != null) {
                return again;
            }
        }
        UserText why = UserText.of("import", "outcome.copy", existing.id());
        String id = dryRun ? null : insert(c, s, copyRef);
        return new ImportOutcome(ImportOutcome.Kind.IMPORTED_AS_COPY, s.label(), id, s.messages().size(), why);
    }

    /**
     * {@code s} with each message id that is missing on one side (source or stored) replaced by the
     * stored one, for the leading messages both have; {@code s} itself when nothing differs that way.
     */
    private SourceSession withStoredIds(StoreTx c, SourceSession s, Existing e) {
        int k = Math.min(s.messages().size(), e.count());
        if (k == 0) {
            return s;
        }
        List<String> stored = rows.storedMessageIds(c, e.id(), k);
        if (stored.size() != k) {
            return s; // a fork's prefix lives in its parent: compare as it is
        }
        List<NewMessage> adopted = new java.util.ArrayList<>(s.messages());
        boolean changed = false;
        for (int i = 0; i < k; i++) {
            NewMessage m = adopted.get(i);
            String storedId = stored.get(i);
            if (!java.util.Objects.equals(m.messageId(), storedId) && (m.messageId() == null || storedId == null)) {
                adopted.set(i, new NewMessage(storedId, m.role(), m.created(), m.contentJson(), m.userVisible(), m.agentVisible()));
                changed = true;
            }
        }
        if (!changed) {
            return s;
        }
        return new SourceSession(s.origin(), s.externalRef(), s.label(), s.title(), s.titleSource(), s.workingDir(),
                s.createdAt(), s.archivedAt(), s.parentRef(), s.parentSeq(), adopted, s.partialReason());
    }

    /** Already present / appended when the chains agree up to the shorter one; null when they differ. */
    private ImportOutcome continueExisting(StoreTx c, SourceSession s, String[] chain, Existing e, boolean dryRun) {
        int n = s.messages().size();
        int k = Math.min(n, e.count());
        String storedAtK = k == e.count() ? e.head() : storedHash(c, e.id(), k);
        if (!chain[k].equals(storedAtK)) {
            return null;
        }
        if (n <= e.count()) {
            return new ImportOutcome(ImportOutcome.Kind.ALREADY_PRESENT, s.label(), e.id(), 0,
                    e.deletedAt() != null ? UserText.of("import", "outcome.inTrash") : null);
        }
        if (e.deletedAt() != null) {
            return new ImportOutcome(ImportOutcome.Kind.SKIPPED, s.label(), e.id(), 0,
                    UserText.of("import", "outcome.newButInTrash", n - e.count(), e.id()));
        }
        if (!dryRun) {
            rows.appendAll(c, e.id(), s.messages().subList(e.count(), n), System.currentTimeMillis());
            recordProvenance(c, e.id(), s.partialReason());
        }
        return new ImportOutcome(ImportOutcome.Kind.APPENDED, s.label(), e.id(), n - e.count(), null);
    }

    private String insert(StoreTx c, SourceSession s, String ref) {
        // A partial import is marked where every client sees it (the title) and, with its reason, in
        // session_imports.partial_reason.
        String title = s.partialReason() == null ? s.title()
                : (s.title() == null ? "Imported session" : s.title()) + PARTIAL_MARK;
        NewSession spec = new NewSession(title, s.workingDir(), s.origin(), ref, s.createdAt());
        String parentId = s.parentRef() == null ? null : idOf(c, s.origin(), s.parentRef());
        // A branch whose shared prefix is exactly its stored parent's refers to it there instead of
        // storing a copy; otherwise the parent is kept as provenance only (parent_seq NULL).
        int shared = sharedByReference(c, s, parentId);
        Session created = shared >= 0 ? rows.insertFork(c, spec, parentId, shared) : rows.insert(c, spec);
        if (s.parentRef() != null && parentId == null) {
            unresolvedParents.add(new String[] {created.id(), s.origin(), s.parentRef()});
        }
        rows.setImportedFields(c, created.id(), created.title().isEmpty() ? "none" : s.titleSource().wire(),
                s.archivedAt(), parentId, shared >= 0 ? shared : null);
        rows.appendAll(c, created.id(), s.messages().subList(Math.max(0, shared), s.messages().size()),
                System.currentTimeMillis());
        // The list orders by last activity: an old conversation belongs where it was, not on top.
        long lastActivity = s.messages().isEmpty() ? created.createdAt()
                : Math.max(created.createdAt(), s.messages().get(s.messages().size() - 1).created() * 1000);
        rows.setLastActivity(c, created.id(), lastActivity);
        recordProvenance(c, created.id(), s.partialReason());
        return created.id();
    }

    /**
     * How many leading messages {@code s} can share with its stored parent: its declared parent_seq when
     * the source's chain there equals the parent's stored hash there; -1 when it must store everything.
     */
    private int sharedByReference(StoreTx c, SourceSession s, String parentId) {
        Integer k = s.parentSeq();
        if (parentId == null || k == null || k < 0 || k > s.messages().size()) {
            return -1;
        }
        Existing parent = find(c, s.origin(), s.parentRef());
        if (parent == null || parent.count() < k) {
            return -1;
        }
        String[] chain = sharedChain(s.messages().subList(0, k));
        return chain[k].equals(storedHash(c, parentId, k)) ? k : -1;
    }

    private void recordProvenance(StoreTx c, String sessionId, String partialReason) {
        rows.recordProvenance(c, sessionId, format, sourcePath, partialReason);
    }

    /**
     * Links the forks whose parent was not in the store when they were written (it came later in the
     * source). They stored all their messages, so the link is provenance only (parent_seq NULL: nothing
     * is read from the parent). Forks whose parent never appears stay unlinked.
     */
    void linkUnresolvedParents() {
        List<String[]> pending = new java.util.ArrayList<>(unresolvedParents);
        unresolvedParents.clear();
        for (String[] p : pending) {
            linkParent(p[0], p[1], p[2]);
        }
    }

    private boolean linkParent(String sessionId, String origin, String parentRef) {
        return StoreTx.write(store, "link imported session " + sessionId + " to its parent", c -> {
            String parentId = idOf(c, origin, parentRef);
            if (parentId == null) {
                return false;
            }
            rows.linkParent(c, sessionId, parentId);
            return true;
        });
    }

    /**
     * {@link #chain}, remembering each message's hash by identity and predecessor: the branches of one
     * ChatGPT conversation share their prefix's message objects, so each is hashed once, not once per
     * branch. Forgotten when the next conversation starts, so a big import's heap stays flat.
     */
    private String[] sharedChain(List<NewMessage> messages) {
        String[] out = new String[messages.size() + 1];
        out[0] = Fingerprint.GENESIS;
        for (int i = 0; i < messages.size(); i++) {
            NewMessage m = messages.get(i);
            String[] known = hashMemo.get(m);
            if (known == null || !known[0].equals(out[i])) {
                known = new String[] {out[i], HashChain.next(out[i], m)};
                hashMemo.put(m, known);
            }
            out[i + 1] = known[1];
        }
        return out;
    }

    /** hash(0..n) of the source's messages exactly as the store will chain them. */
    static String[] chain(List<NewMessage> messages) {
        String[] out = new String[messages.size() + 1];
        out[0] = Fingerprint.GENESIS;
        for (int i = 0; i < messages.size(); i++) {
            out[i + 1] = HashChain.next(out[i], messages.get(i));
        }
        return out;
    }

    private Existing find(StoreTx c, String origin, String ref) {
        return rows.find(c, origin, ref).orElse(null);
    }

    private String idOf(StoreTx c, String origin, String ref) {
        Existing e = find(c, origin, ref);
        return e == null ? null : e.id();
    }

    /** The stored logical hash at {@code seq} (a fork's prefix is its parent's). */
    private String storedHash(StoreTx c, String sessionId, int seq) {
        return rows.storedHash(c, sessionId, seq);
    }
}
