package dev.sessiondesk.app.text;

import dev.sessiondesk.store.ChainReport;

/**
 * The store's findings (ChainVerifier's and StoreScan's fixed English sentences, see there) as
 * {@link UserText}s the GUI can say in the user's language. The store sits below app/ and keeps its
 * English; a sentence this table does not know is shown as the store wrote it.
 */
public final class StoreWords {
    private static final String PARENT = "(?: \\(stored in parent session (\\S+)\\))?";
    private static final Phrases PROBLEMS = new Phrases("store",
            "hashMismatch", "content does not match its hash \\(changed, reordered or damaged\\)" + PARENT,
            "streamingNotLast", "a streaming reply is not the last message" + PARENT,
            "missingBefore", "message (\\d+) is missing \\(the next stored one is (\\d+)\\)" + PARENT,
            "outOfOrder", "message (\\d+) is stored twice or out of order" + PARENT,
            "missing", "message (\\d+) is missing" + PARENT,
            "badRole", "the message's role is neither user nor assistant \\(changed or damaged\\)" + PARENT,
            "sessionMissing", "the session is missing from the store()",
            "notWhatWasShown", "the conversation differs from the one this window showed()");

    /** ReferenceChecks' sentences about the windows and the search index (see there). */
    private static final Phrases FINDINGS = new Phrases("store",
            "window.noSession", "window (\\S+) points to session (\\S+), which does not exist",
            "window.mismatch", "window (\\S+) shows session (\\S+) but (.+) \\(message (\\d+|null)\\)",
            "fts.missing", "session (\\S+) message (\\d+) is missing from the search index",
            "fts.different", "session (\\S+) message (\\d+): the search index holds different text than the message",
            "fts.orphan", "search index row (\\d+) points to a message that no longer exists",
            "fts.streaming", "search index row (\\d+) indexes a reply that is still streaming");

    /** Store's sentences for why it is read-only (see Store.open). */
    private static final Phrases READ_ONLY = new Phrases("store",
            "readOnly.newer", "this store was written by a newer SessionDesk \\(schema (\\d+) > (\\d+)\\);"
                    + " it is open read-only and nothing was changed: (.+)",
            "readOnly.folder", "the data folder (.+) is read-only \\(its permissions\\); the store is open"
                    + " read-only and nothing can be saved until the folder is writable again",
            "readOnly.file", "the store (.+) is read-only \\(file or folder permissions\\); nothing can be saved",
            "readOnly.opened", "opened read-only: (.+)");

    private StoreWords() {
    }

    /** "session X: message 2: content does not match its hash …", or the intact line. */
    public static UserText chain(ChainReport r) {
        if (r.ok()) {
            return UserText.of("store", "chain.ok", r.sessionId(), r.messagesChecked());
        }
        return UserText.of("store", "chain.bad", r.sessionId(), r.firstBadSeq(), problem(r.problem()));
    }

    /** One of the store's sentences about a chain. */
    public static UserText problem(String problem) {
        if (problem == null) {
            return UserText.plain("");
        }
        Phrases.Match m = PROBLEMS.find(problem, (key, i, g) ->
                g == null ? "" : g.chars().allMatch(Character::isDigit) && !g.isEmpty() ? Integer.valueOf(g) : g);
        if (m == null) {
            return UserText.plain(problem);
        }
        Object[] args = m.args();
        String parent = args.length == 0 ? "" : String.valueOf(args[args.length - 1]);
        return parent.isEmpty() || m.key().equals("sessionMissing") || m.key().equals("notWhatWasShown") ? m.text()
                : UserText.of("store", "inParent", m.text(), parent);
    }

    /** One of the store's sentences about a window or the search index; one it does not know as it is. */
    public static UserText finding(String finding) {
        return FINDINGS.say(finding, (key, i, g) -> key.equals("window.mismatch") && i == 2 ? problem(g) : g);
    }

    /** Why the store is read-only, in the user's words; a reason this table does not know as it is. */
    public static UserText readOnly(String reason) {
        return reason == null ? UserText.plain("") : READ_ONLY.say(reason, Phrases.AS_WRITTEN);
    }
}
