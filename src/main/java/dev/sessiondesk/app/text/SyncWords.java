package dev.sessiondesk.app.text;

/**
 * Why an exchange with the sync server failed (the fixed English sentences of store.remote's
 * PgErrors, RemoteListener and ServerSchema, and of app.sync's RemoteSync) as {@link UserText}s the
 * GUI can say in the user's language. The store keeps its English (the CLI prints it as it is); a
 * sentence this table does not know, or one its English would not give back exactly, is shown as
 * written. What PostgreSQL or pgjdbc said ("detail") stays as they wrote it.
 */
public final class SyncWords {
    private static final String DOING = "(connect|prepare the sync schema|test the connection|listen for changes"
            + "|wait for changes|pull sessions|pull messages|count messages to pull|push session \\S+"
            + "|push \\d+ messages of session \\S+)";
    private static final Phrases FAILURES = new Phrases("sync",
            "remote.loginRefused", "the sync server (.+?) refused the login: (.*)",
            "remote.unreachable", "cannot reach the sync server (.+?) to " + DOING + ": (.*)",
            "remote.noDatabase", "the sync server (.+?) has no such database: (.*)",
            "remote.refusedTo", "the sync server (.+?) refused to " + DOING + ": (.*)",
            "remote.failedTo", "the sync server (.+?) failed to " + DOING + ": (.*) \\(SQL state (\\w*)\\)",
            "remote.liveClosed", "the live sync connection to (.+) closed",
            "remote.interrupted", "the pull was interrupted before the server answered()",
            "remote.schemaNewer", "the sync server's schema was written by a newer SessionDesk \\(server schema"
                    + " (\\d+) > (\\d+)\\); this device only reads from it until SessionDesk is updated",
            "remote.notSetUp", "sync is not set up: set (\\S+) \\(e\\.g\\. (\\S+)\\) or choose a server in"
                    + " Preferences → Sync",
            "remote.off", "sync is off: (.*)",
            // SyncSettings' sentences about the server URL and the password file
            "settings.unreadable", "cannot read the sync settings (.+?): (.*)",
            "settings.passwordShared", "the sync password file (.+) can be read by other users; make it private"
                    + " with: chmod 600 (.+)",
            "settings.passwordUnreadable", "cannot read the sync password file (.+?): (.*)",
            "settings.badScheme", "the sync server URL in (.+) must start with postgresql:// \\(a libpq URI\\)"
                    + " or jdbc:postgresql: \\(a JDBC URL\\)",
            "settings.badPort", "the sync server URL in (.+) has a bad port \"(.*)\"");
    /** Where a bad URL came from (SyncSettings' words); a file's path is said as it is. */
    private static final Phrases WHERE = new Phrases("sync",
            "where.env", "the environment variable (\\S+)",
            "where.entered", "the URL entered()");
    /** What the server was asked to do when it failed (RemoteServer's and RemoteListener's words). */
    private static final Phrases DOINGS = new Phrases("sync",
            "doing.connect", "connect()",
            "doing.schema", "prepare the sync schema()",
            "doing.test", "test the connection()",
            "doing.listen", "listen for changes()",
            "doing.wait", "wait for changes()",
            "doing.pullSessions", "pull sessions()",
            "doing.pullMessages", "pull messages()",
            "doing.count", "count messages to pull()",
            "doing.pushSession", "push session (\\S+)",
            "doing.pushMessages", "push (\\d+) messages of session (\\S+)");

    private SyncWords() {
    }

    /** A failure or read-only reason of a sync exchange, in no language yet; null stays empty. */
    public static UserText failure(String failure) {
        if (failure == null) {
            return UserText.plain("");
        }
        return exactly(failure, FAILURES.find(failure, (key, i, g) -> switch (key) {
            case "remote.unreachable", "remote.refusedTo", "remote.failedTo" -> i == 1 ? doing(g) : g;
            case "remote.schemaNewer" -> Integer.valueOf(g);
            case "remote.off" -> StoreWords.readOnly(g);
            case "settings.badScheme", "settings.badPort" -> i == 0 ? where(g) : g;
            default -> g;
        }));
    }

    /** What "Test connection" found (RemoteServer.probe's words), in no language yet. */
    public static UserText probe(String found) {
        if (found == null) {
            return UserText.plain("");
        }
        return exactly(found, PROBES.find(found, Phrases.AS_WRITTEN));
    }

    /** The CLI prints the sentence as the store wrote it; never say in English what it did not. */
    private static UserText exactly(String sentence, Phrases.Match m) {
        if (m == null) {
            return UserText.plain(sentence);
        }
        UserText t = m.text();
        return Wording.english().say(t).equals(sentence) ? t : UserText.plain(sentence);
    }

    private static final Phrases PROBES = new Phrases("sync",
            "probe.version", "PostgreSQL (\\S+) at (.+), sync schema version (\\d+)",
            "probe.noSchema", "PostgreSQL (\\S+) at (.+), sync schema not created yet",
            "probe.noSchemaAt", "PostgreSQL at (.+), sync schema not created yet");

    private static UserText where(String where) {
        return WHERE.say(where, Phrases.AS_WRITTEN);
    }

    private static UserText doing(String doing) {
        return DOINGS.say(doing, (key, i, g) -> key.equals("doing.pushMessages") && i == 0 ? Integer.valueOf(g) : g);
    }
}
