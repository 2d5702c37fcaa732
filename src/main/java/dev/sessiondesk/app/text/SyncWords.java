package dev.sessiondesk.app.text;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final List<Phrase> FAILURES = List.of(
            new Phrase("remote.loginRefused", "the sync server (.+?) refused the login: (.*)"),
            new Phrase("remote.unreachable", "cannot reach the sync server (.+?) to " + DOING + ": (.*)"),
            new Phrase("remote.noDatabase", "the sync server (.+?) has no such database: (.*)"),
            new Phrase("remote.refusedTo", "the sync server (.+?) refused to " + DOING + ": (.*)"),
            new Phrase("remote.failedTo", "the sync server (.+?) failed to " + DOING + ": (.*) \\(SQL state (\\w*)\\)"),
            new Phrase("remote.liveClosed", "the live sync connection to (.+) closed"),
            new Phrase("remote.interrupted", "the pull was interrupted before the server answered()"),
            new Phrase("remote.schemaNewer", "the sync server's schema was written by a newer SessionDesk \\(server schema"
                    + " (\\d+) > (\\d+)\\); this device only reads from it until SessionDesk is updated"),
            new Phrase("remote.notSetUp", "sync is not set up: set (\\S+) \\(e\\.g\\. (\\S+)\\) or choose a server in"
                    + " Preferences → Sync"),
            new Phrase("remote.off", "sync is off: (.*)"),
            // SyncSettings' sentences about the server URL and the password file
            new Phrase("settings.unreadable", "cannot read the sync settings (.+?): (.*)"),
            new Phrase("settings.passwordShared", "the sync password file (.+) can be read by other users; make it private"
                    + " with: chmod 600 (.+)"),
            new Phrase("settings.passwordUnreadable", "cannot read the sync password file (.+?): (.*)"),
            new Phrase("settings.badScheme", "the sync server URL in (.+) must start with postgresql:// \\(a libpq URI\\)"
                    + " or jdbc:postgresql: \\(a JDBC URL\\)"),
            new Phrase("settings.badPort", "the sync server URL in (.+) has a bad port \"(.*)\""));
    /** Where a bad URL came from (SyncSettings' words); a file's path is said as it is. */
    private static final List<Phrase> WHERE = List.of(
            new Phrase("where.env", "the environment variable (\\S+)"),
            new Phrase("where.entered", "the URL entered()"));
    /** What the server was asked to do when it failed (RemoteServer's and RemoteListener's words). */
    private static final List<Phrase> DOINGS = List.of(
            new Phrase("doing.connect", "connect()"),
            new Phrase("doing.schema", "prepare the sync schema()"),
            new Phrase("doing.test", "test the connection()"),
            new Phrase("doing.listen", "listen for changes()"),
            new Phrase("doing.wait", "wait for changes()"),
            new Phrase("doing.pullSessions", "pull sessions()"),
            new Phrase("doing.pullMessages", "pull messages()"),
            new Phrase("doing.count", "count messages to pull()"),
            new Phrase("doing.pushSession", "push session (\\S+)"),
            new Phrase("doing.pushMessages", "push (\\d+) messages of session (\\S+)"));

    private SyncWords() {
    }

    /** A failure or read-only reason of a sync exchange, in no language yet; null stays empty. */
    public static UserText failure(String failure) {
        if (failure == null) {
            return UserText.plain("");
        }
        for (Phrase p : FAILURES) {
            Matcher m = p.pattern().matcher(failure);
            if (m.matches()) {
                Object[] args = new Object[m.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    String g = m.group(i + 1);
                    args[i] = switch (p.key()) {
                        case "remote.unreachable", "remote.refusedTo", "remote.failedTo" -> i == 1 ? doing(g) : g;
                        case "remote.schemaNewer" -> Integer.valueOf(g);
                        case "remote.off" -> StoreWords.readOnly(g);
                        case "settings.badScheme", "settings.badPort" -> i == 0 ? where(g) : g;
                        default -> g;
                    };
                }
                UserText t = UserText.of("sync", p.key(), args);
                // The CLI prints the sentence as the store wrote it; never say in English what it did not.
                return Wording.english().say(t).equals(failure) ? t : UserText.plain(failure);
            }
        }
        return UserText.plain(failure);
    }

    /** What "Test connection" found (RemoteServer.probe's words), in no language yet. */
    public static UserText probe(String found) {
        if (found == null) {
            return UserText.plain("");
        }
        for (Phrase p : PROBES) {
            Matcher m = p.pattern().matcher(found);
            if (m.matches()) {
                Object[] args = new Object[m.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = m.group(i + 1);
                }
                UserText t = UserText.of("sync", p.key(), args);
                return Wording.english().say(t).equals(found) ? t : UserText.plain(found);
            }
        }
        return UserText.plain(found);
    }

    private static final List<Phrase> PROBES = List.of(
            new Phrase("probe.version", "PostgreSQL (\\S+) at (.+), sync schema version (\\d+)"),
            new Phrase("probe.noSchema", "PostgreSQL (\\S+) at (.+), sync schema not created yet"),
            new Phrase("probe.noSchemaAt", "PostgreSQL at (.+), sync schema not created yet"));

    private static UserText where(String where) {
        for (Phrase p : WHERE) {
            Matcher m = p.pattern().matcher(where);
            if (m.matches()) {
                return UserText.of("sync", p.key(), m.group(1));
            }
        }
        return UserText.plain(where);
    }

    private static UserText doing(String doing) {
        for (Phrase p : DOINGS) {
            Matcher m = p.pattern().matcher(doing);
            if (m.matches()) {
                Object[] args = new Object[m.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    String g = m.group(i + 1);
                    args[i] = p.key().equals("doing.pushMessages") && i == 0 ? Integer.valueOf(g) : g;
                }
                return UserText.of("sync", p.key(), args);
            }
        }
        return UserText.plain(doing);
    }

    private record Phrase(String key, Pattern pattern) {
        Phrase(String key, String regex) {
            this(key, Pattern.compile(regex));
        }
    }
}
