package dev.sessiondesk.app.text;

import dev.sessiondesk.store.ChainReport;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store's findings (ChainVerifier's and StoreScan's fixed English sentences, see there) as
 * {@link UserText}s the GUI can say in the user's language. The store sits below app/ and keeps its
 * English; a sentence this table does not know is shown as the store wrote it.
 */
public final class StoreWords {
    private static final String PARENT = "(?: \\(stored in parent session (\\S+)\\))?";
    private static final List<Phrase> PHRASES = List.of(
            new Phrase("hashMismatch", "content does not match its hash \\(changed, reordered or damaged\\)" + PARENT),
            new Phrase("streamingNotLast", "a streaming reply is not the last message" + PARENT),
            new Phrase("missingBefore", "message (\\d+) is missing \\(the next stored one is (\\d+)\\)" + PARENT),
            new Phrase("outOfOrder", "message (\\d+) is stored twice or out of order" + PARENT),
            new Phrase("missing", "message (\\d+) is missing" + PARENT),
            new Phrase("badRole", "the message's role is neither user nor assistant \\(changed or damaged\\)" + PARENT),
            new Phrase("sessionMissing", "the session is missing from the store()"),
            new Phrase("notWhatWasShown", "the conversation differs from the one this window showed()"));

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
        for (Phrase p : PHRASES) {
            Matcher m = p.pattern().matcher(problem);
            if (m.matches()) {
                Object[] args = new Object[m.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    String g = m.group(i + 1);
                    args[i] = g == null ? "" : g.chars().allMatch(Character::isDigit) && !g.isEmpty() ? Integer.valueOf(g) : g;
                }
                UserText core = UserText.of("store", p.key(), args);
                String parent = args.length == 0 ? "" : String.valueOf(args[args.length - 1]);
                return parent.isEmpty() || p.key().equals("sessionMissing") || p.key().equals("notWhatWasShown") ? core
                        : UserText.of("store", "inParent", core, parent);
            }
        }
        return UserText.plain(problem);
    }

    /** ReferenceChecks' sentences about the windows and the search index (see there). */
    private static final List<Phrase> FINDINGS = List.of(
            new Phrase("window.noSession", "window (\\S+) points to session (\\S+), which does not exist"),
            new Phrase("window.mismatch", "window (\\S+) shows session (\\S+) but (.+) \\(message (\\d+|null)\\)"),
            new Phrase("fts.missing", "session (\\S+) message (\\d+) is missing from the search index"),
            new Phrase("fts.different", "session (\\S+) message (\\d+): the search index holds different text than the message"),
            new Phrase("fts.orphan", "search index row (\\d+) points to a message that no longer exists"),
            new Phrase("fts.streaming", "search index row (\\d+) indexes a reply that is still streaming"));

    /** One of the store's sentences about a window or the search index; one it does not know as it is. */
    public static UserText finding(String finding) {
        for (Phrase p : FINDINGS) {
            Matcher m = p.pattern().matcher(finding);
            if (m.matches()) {
                Object[] args = new Object[m.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = p.key().equals("window.mismatch") && i == 2 ? problem(m.group(3)) : m.group(i + 1);
                }
                return UserText.of("store", p.key(), args);
            }
        }
        return UserText.plain(finding);
    }

    /** Store's sentences for why it is read-only (see Store.open). */
    private static final List<Phrase> READ_ONLY = List.of(
            new Phrase("readOnly.newer", "this store was written by a newer SessionDesk \\(schema (\\d+) > (\\d+)\\);"
                    + " it is open read-only and nothing was changed: (.+)"),
            new Phrase("readOnly.folder", "the data folder (.+) is read-only \\(its permissions\\); the store is open"
                    + " read-only and nothing can be saved until the folder is writable again"),
            new Phrase("readOnly.file", "the store (.+) is read-only \\(file or folder permissions\\); nothing can be saved"),
            new Phrase("readOnly.opened", "opened read-only: (.+)"));

    /** Why the store is read-only, in the user's words; a reason this table does not know as it is. */
    public static UserText readOnly(String reason) {
        if (reason == null) {
            return UserText.plain("");
        }
        for (Phrase p : READ_ONLY) {
            Matcher m = p.pattern().matcher(reason);
            if (m.matches()) {
                Object[] args = new Object[m.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = m.group(i + 1);
                }
                return UserText.of("store", p.key(), args);
            }
        }
        return UserText.plain(reason);
    }

    private record Phrase(String key, Pattern pattern) {
        Phrase(String key, String regex) {
            this(key, Pattern.compile(regex));
        }
    }
}
