package dev.sessiondesk.app.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondesk.i18n.BundleCheck;

import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.store.ChainReport;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sentences app/ produces for people exist in every language SessionDesk speaks, the CLI keeps
 * its English exactly, and the classes whose texts moved into bundles do not grow new English again.
 */
class AppTextsTest {

    /**
     * Classes whose user-visible sentences are all in the app/text bundles. A literal sentence here fails
     * (put it into a bundle and return a UserText); lines that only log, throw, name a transaction or
     * report progress are not user text of these classes, nor a constant marked "// an id, not a sentence".
     */
    static final List<String> CONVERTED = List.of(
            "app/importer/ImportReport.java",
            "app/importer/ImportProblem.java",
            "app/importer/ImportOutcome.java",
            "app/sync/BuiltInSyncSteps.java",
            "app/sync/SyncStepResult.java",
            "app/sync/SyncSummary.java",
            "app/sync/SyncReport.java",
            "app/sync/RemoteSyncStep.java",
            "app/maintenance/StartupMaintenance.java",
            "app/backup/FullVerifier.java",
            "app/upgrade/UpgradeCheck.java",
            "app/maintenance/IntactExport.java",
            "app/assistant/ReplyService.java",
            "app/assistant/AssistantException.java",
            "app/assistant/SseReplyReader.java",
            "app/assistant/SameOriginRedirect.java",
            "app/assistant/ModelCatalog.java",
            "app/sync/RemoteSync.java",
            "app/sync/LiveSync.java",
            "app/backup/BackupFailedException.java",
            "app/backup/BackupService.java",
            "app/backup/RestoreService.java",
            "app/maintenance/SessionRestore.java",
            "app/upgrade/PreUpgrade.java",
            "app/text/Explained.java",
            "app/text/Sizes.java",
            "app/ExportFiles.java",
            "app/text/UserText.java",
            "app/text/Wording.java");
    private static final Path MAIN = Path.of("src/main/java/dev/sessiondesk");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern SENTENCE = Pattern.compile("[A-Za-z]{2,}[,;:]? [A-Za-z(]{2,}");
    private static final Pattern NOT_USER_TEXT = Pattern.compile(
            "LOG\\.|Exception\\(|Error\\(|progress\\.update\\(|\\.read\\(\"|\\.write\\(\"|UserText\\.of\\("
                    + "|// an id, not a sentence");

    @Test
    void everyKeyExistsInEveryLanguageWithTheSamePlaceholders() throws Exception {
        Map<String, Path> bundles = bundles();
        assertThat(BundleCheck.english(bundles)).as("English bundles in dev/sessiondesk/app/text").containsKeys("import",
                "sync", "verify", "startup", "store", "upgrade", "assistant", "progress", "export", "backup", "size");
        assertThat(BundleCheck.problems(bundles, true)).as("bundle problems").isEmpty();
    }

    @Test
    void everyKeyTheCodeAsksForExists() throws IOException {
        Pattern asked = Pattern.compile("UserText\\.of\\(\"(\\w+)\",\\s*\"([\\w.]+)\"");
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = asked.matcher(Files.readString(f));
                while (m.find()) {
                    String said = Wording.english().say(UserText.of(m.group(1), m.group(2)));
                    if (said.startsWith("!" + m.group(1) + ".")) {
                        missing.add(MAIN.relativize(f) + ": " + m.group(1) + "." + m.group(2));
                    }
                }
            }
        }
        assertThat(missing).as("keys asked for in code but not in a bundle").isEmpty();
    }

    @Test
    void theCliKeepsItsEnglishAndTheGuiSpeaksGerman() {
        UserText backup = UserText.of("startup", "backup.saved", "sessions-1.db", 1, 12345);
        assertThat(Wording.english().say(backup))
                .isEqualTo("Daily backup saved and verified: sessions-1.db (1 sessions, 12345 messages)");
        assertThat(Wording.of(Locale.GERMANY).say(backup))
                .isEqualTo("Tägliche Sicherung gespeichert und geprüft: sessions-1.db (1 Sitzung, 12.345 Nachrichten)");
        assertThat(Wording.of(Locale.US).say(backup)).as("an English desktop groups digits")
                .isEqualTo("Daily backup saved and verified: sessions-1.db (1 sessions, 12,345 messages)");
        assertThat(Wording.of(Locale.FRANCE).say(backup)).as("a language SessionDesk does not speak falls back to English")
                .startsWith("Daily backup saved");

        Instant at = Instant.parse("2026-12-01T14:02:00Z");
        UserText wayBack = UserText.of("verify", "chain.wayBack", "b.db", at, 3);
        assertThat(Wording.english().say(wayBack)).isEqualTo("; restore b.db (2026-12-01T14:02:00Z, 3 messages of it)");
        assertThat(Wording.of(Locale.GERMANY).say(wayBack)).startsWith("; wiederherstellen aus b.db (")
                .contains("2026").endsWith(", 3 Nachrichten davon)");

        assertThat(Wording.of(Locale.GERMANY).say(UserText.of("sync", "drafts", 1))).isEqualTo("1 ungespeicherter Entwurf gesichert");
        assertThat(Wording.english().say(UserText.of("sync", "drafts", 1))).isEqualTo("1 unsaved draft saved");
        assertThat(Wording.english().say(UserText.of("sync", "drafts", 2))).isEqualTo("2 unsaved drafts saved");
        assertThat(Wording.english().say(UserText.of("sync", "drafts", 12345))).as("a plural beside the count")
                .isEqualTo("12345 unsaved drafts saved");
        assertThat(Wording.of(Locale.US).say(UserText.of("sync", "drafts", 12345))).isEqualTo("12,345 unsaved drafts saved");
        assertThat(Wording.english().say(UserText.of("import", "summary", 10000, 0, 0, 0, 0, 2500000L))).startsWith(
                "10000 session(s) imported, ").endsWith("(2500000 message(s) added).");
        assertThat(Wording.topLevelArguments("'{'x'}' {1} {0,choice,1#{0,number,integer} a|1<b} {2,number}"))
                .containsExactly(1, 0, 2);
        assertThat(Wording.english().say(UserText.of("sync", "no-such-key"))).isEqualTo("!sync.no-such-key!");
        assertThat(Wording.of(Locale.GERMANY).say(UserText.plain("as it was"))).isEqualTo("as it was");
        assertThat(Wording.of(Locale.GERMANY).say(UserText.plain(null))).as("never \"null\" on screen").isEmpty();
        assertThat(Wording.english().say(UserText.of("import", "reason.unreadable", (Object) null))).isEqualTo("cannot be read (—)");
    }

    @Test
    void progressIsSaidInTheLanguageOfWhoWatchesIt() {
        List<String> shown = new ArrayList<>();
        Progress dialog = Progress.saying(Wording.of(Locale.GERMANY), (f, m) -> shown.add(f + " " + m));
        dialog.part(0.5, 1).update(0.5, UserText.of("progress", "verify.verified", 3));
        Progress terminal = (f, m) -> shown.add(f + " " + m);
        terminal.part(0, 0.5).update(1, UserText.of("progress", "verify.verified", 3));
        Progress.NONE.update(1, UserText.of("progress", "verify.verified", 3));
        assertThat(shown).containsExactly("0.75 3 Sitzungen geprüft", "0.5 verified 3 sessions");
    }

    @Test
    void theStoresSentencesAreSaidInTheUsersLanguage() {
        ChainReport bad = new ChainReport("s1", 1, false, 2,
                "content does not match its hash (changed, reordered or damaged) (stored in parent session p1)", null);
        assertThat(Wording.english().say(StoreWords.chain(bad))).isEqualTo(bad.toString());
        assertThat(Wording.of(Locale.GERMANY).say(StoreWords.chain(bad))).isEqualTo("Sitzung s1, Nachricht 2: der Inhalt "
                + "passt nicht zu seinem Hash (geändert, umgeordnet oder beschädigt) (gespeichert in der Elternsitzung p1)");
        ChainReport gap = new ChainReport("s1", 1, false, 2, "message 2 is missing (the next stored one is 4)", null);
        assertThat(Wording.english().say(StoreWords.chain(gap))).isEqualTo(gap.toString());
        assertThat(Wording.of(Locale.GERMANY).say(StoreWords.chain(gap))).endsWith("Nachricht 2 fehlt (die nächste gespeicherte ist 4)");
        ChainReport unknown = new ChainReport("s1", 1, false, 2, "something the table does not know", null);
        assertThat(Wording.of(Locale.GERMANY).say(StoreWords.chain(unknown))).endsWith(": something the table does not know");
        String window = "window w1 shows session s1 but content does not match its hash (changed, reordered or damaged) (message 2)";
        assertThat(Wording.english().say(StoreWords.finding(window))).isEqualTo(window);
        assertThat(Wording.of(Locale.GERMANY).say(StoreWords.finding(window)))
                .isEqualTo("Fenster w1 zeigt Sitzung s1, aber der Inhalt passt nicht zu seinem Hash (geändert, umgeordnet oder"
                        + " beschädigt) (Nachricht 2)");
        for (String f : List.of("window w1 points to session s1, which does not exist",
                "session s1 message 3 is missing from the search index",
                "session s1 message 3: the search index holds different text than the message",
                "search index row 7 points to a message that no longer exists",
                "search index row 7 indexes a reply that is still streaming")) {
            assertThat(Wording.english().say(StoreWords.finding(f))).isEqualTo(f);
            assertThat(StoreWords.finding(f).isPlain()).as(f).isFalse();
        }
        for (String why : List.of("this store was written by a newer SessionDesk (schema 9 > 7); it is open read-only and"
                        + " nothing was changed: /d/sessions.db",
                "the data folder /d is read-only (its permissions); the store is open read-only and nothing can be saved"
                        + " until the folder is writable again",
                "the store /d/sessions.db is read-only (file or folder permissions); nothing can be saved",
                "opened read-only: /d/sessions.db")) {
            assertThat(Wording.english().say(StoreWords.readOnly(why))).isEqualTo(why);
            assertThat(StoreWords.readOnly(why).isPlain()).as(why).isFalse();
        }
        assertThat(Wording.of(Locale.GERMANY).say(StoreWords.readOnly("opened read-only: /d/x.db")))
                .isEqualTo("nur lesbar geöffnet: /d/x.db");
        ChainReport ok = new ChainReport("s1", 3, true, null, null, "h");
        assertThat(Wording.english().say(StoreWords.chain(ok))).isEqualTo(ok.toString());
    }

    @Test
    void theSyncServersFailuresAreSaidInTheUsersLanguageAndTheCliKeepsThem() {
        List<String> failures = List.of(
                "the sync server postgresql://h:5432/db as me refused the login: FATAL: password authentication failed",
                "cannot reach the sync server postgresql://127.0.0.1:1/none as nobody to connect: Connection to 127.0.0.1:1"
                        + " refused. Check that the hostname and port are correct",
                "cannot reach the sync server p://h/db to push 3 messages of session s1: An I/O error occurred",
                "the sync server p://h/db has no such database: FATAL: database \"none\" does not exist",
                "the sync server p://h/db refused to push session s1: chain check failed",
                "the sync server p://h/db failed to pull messages: ERROR: boom (SQL state XX000)",
                "the live sync connection to p://h/db closed",
                "the pull was interrupted before the server answered",
                "the sync server's schema was written by a newer SessionDesk (server schema 12345 > 3); this device only"
                        + " reads from it until SessionDesk is updated",
                "sync is not set up: set SESSIONDESK_SYNC_URL (e.g. postgresql://user@host:5432/db?sslmode=verify-full) or"
                        + " choose a server in Preferences → Sync",
                "sync is off: opened read-only: /d/sessions.db",
                "cannot read the sync settings /c/sync.properties: Permission denied",
                "the sync password file /c/p can be read by other users; make it private with: chmod 600 /c/p",
                "cannot read the sync password file /c/p: Permission denied",
                "the sync server URL in the environment variable SESSIONDESK_SYNC_URL must start with postgresql:// (a libpq"
                        + " URI) or jdbc:postgresql: (a JDBC URL)",
                "the sync server URL in the URL entered has a bad port \"x1\"");
        for (String f : failures) {
            UserText t = SyncWords.failure(f);
            assertThat(t.isPlain()).as(f).isFalse();
            assertThat(Wording.english().say(t)).isEqualTo(f);
            assertThat(Wording.of(Locale.GERMANY).say(t)).as(f).doesNotContain("sync server", "cannot reach", "sync is");
        }
        assertThat(Wording.of(Locale.GERMANY).say(SyncWords.failure(failures.get(1)))).isEqualTo("Der Sync-Server"
                + " postgresql://127.0.0.1:1/none as nobody ist nicht erreichbar (Verbinden): Connection to 127.0.0.1:1"
                + " refused. Check that the hostname and port are correct");
        assertThat(Wording.of(Locale.GERMANY).say(SyncWords.failure(failures.get(8)))).contains("(Server-Schema 12.345 > 3)");
        assertThat(Wording.of(Locale.GERMANY).say(SyncWords.failure(failures.get(failures.size() - 1))))
                .isEqualTo("Die Sync-Server-URL in der eingegebenen URL hat einen ungültigen Port „x1“");
        for (String found : List.of("PostgreSQL 16.4 at p://h/db as me, sync schema version 3",
                "PostgreSQL 16.4 at p://h/db, sync schema not created yet", "PostgreSQL at p://h/db, sync schema not created yet")) {
            assertThat(SyncWords.probe(found).isPlain()).as(found).isFalse();
            assertThat(Wording.english().say(SyncWords.probe(found))).isEqualTo(found);
        }
        assertThat(Wording.of(Locale.GERMANY).say(SyncWords.probe("PostgreSQL 16.4 at p://h/db, sync schema version 3")))
                .isEqualTo("PostgreSQL 16.4 unter p://h/db, Sync-Schema Version 3");
        assertThat(SyncWords.failure("something else went wrong")).isEqualTo(UserText.plain("something else went wrong"));
        assertThat(SyncWords.failure("the sync server p://h/db failed to dance: x (SQL state 1)").isPlain())
                .as("an unknown step is not half-translated").isTrue();
    }

    @Test
    void failuresCarryTheirTextAndKeepTheirEnglishMessage() throws IOException {
        var failed = new dev.sessiondesk.app.backup.BackupFailedException(
                UserText.of("backup", "noFolder", Path.of("/d/backups"), UserText.plain("File exists")), (Path) null);
        assertThat(failed.getMessage()).isEqualTo("cannot create the backup folder /d/backups: File exists");
        assertThat(Wording.of(Locale.GERMANY).say(Explained.of(failed)))
                .isEqualTo("Der Sicherungsordner /d/backups kann nicht angelegt werden: File exists");
        assertThat(Explained.of(new java.io.IOException("disk full"))).isEqualTo(UserText.plain("disk full"));
        Path taken = Files.createTempFile("taken", ".md");
        try {
            assertThatThrownBy(() -> dev.sessiondesk.app.ExportFiles.write(taken, new byte[0], false))
                    .isInstanceOfSatisfying(java.nio.file.FileSystemException.class, e -> {
                        assertThat(e.getReason()).isEqualTo("already exists; pass --force to replace it (nothing was written)");
                        assertThat(e.getMessage()).isEqualTo(taken.toAbsolutePath() + ": " + e.getReason());
                        assertThat(Wording.of(Locale.GERMANY).say(Explained.of(e))).isEqualTo(taken.toAbsolutePath()
                                + ": existiert bereits; mit --force ersetzen (nichts wurde geschrieben)");
                    });
        } finally {
            Files.deleteIfExists(taken);
        }
        var pre = new dev.sessiondesk.app.upgrade.PreUpgrade.Failed(UserText.of("upgrade", "pre.backupFailed", failed.userText()));
        assertThat(pre.getMessage()).isEqualTo("the backup before the upgrade failed: " + failed.getMessage());
        assertThat(Wording.of(Locale.GERMANY).say(pre.userText())).startsWith("Die Sicherung vor dem Upgrade ist fehlgeschlagen:"
                + " Der Sicherungsordner");
    }

    @Test
    void sizesInSentencesUseTheLanguagesDecimalSeparatorAndTheCliKeepsItsEnglish() {
        long mb = 1024 * 1024;
        for (long bytes : new long[] {0, 1, 1023, 1024, mb, mb + mb / 2, (long) (1.25 * mb), (long) (1.35 * mb), (long) (9.96 * mb),
                10 * mb - 1, 10 * mb, (long) (10.5 * mb), 100 * mb, 12345 * mb, 4L * 1024 * mb}) {
            double m = bytes / (1024.0 * 1024.0);
            String before = m >= 10 ? String.valueOf(Math.round(m)) : String.format(Locale.ROOT, "%.1f", m);
            assertThat(dev.sessiondesk.app.importer.SafePaths.megabytes(bytes)).as(bytes + " bytes").isEqualTo(before);
            String human = bytes >= mb ? String.format(Locale.ROOT, "%.1f MB", m)
                    : String.format(Locale.ROOT, "%d KB", Math.max(1, (bytes + 1023) / 1024));
            assertThat(Wording.english().say(Sizes.human(bytes))).as(bytes + " bytes").isEqualTo(human);
        }
        assertThat(Wording.of(Locale.GERMANY).say(Sizes.human(mb + mb / 2))).isEqualTo("1,5 MB");
        assertThat(Wording.of(Locale.US).say(Sizes.human(mb + mb / 2))).isEqualTo("1.5 MB");
        assertThat(Wording.of(Locale.GERMANY).say(UserText.of("import", "reason.fileTooLarge", Sizes.megabytes(mb + mb / 2),
                Sizes.megabytes(12345 * mb)))).isEqualTo("abgelehnt, die Datei ist 1,5 MB groß, mehr als die Grenze von"
                + " 12.345 MB (anheben mit --max-size)");
        assertThat(Wording.english().say(UserText.of("import", "reason.fileTooLarge", Sizes.megabytes(mb + mb / 2),
                Sizes.megabytes(100 * mb)))).isEqualTo("refused, the file is 1.5 MB, over the 100 MB limit (raise it with --max-size)");
    }

    @Test
    void theConvertedClassesWriteNoEnglishSentences() throws IOException {
        List<String> findings = new ArrayList<>();
        for (String name : CONVERTED) {
            findings.addAll(sentences(name, Files.readString(MAIN.resolve(name))));
        }
        assertThat(findings).as("English sentences in classes whose texts are in dev/sessiondesk/app/text bundles; "
                + "return UserText.of(\"<area>\", \"<key>\", args…) and add the key in English and German").isEmpty();
    }

    @Test
    void theScannerFindsSentencesAndIgnoresLogsThrowsAndComments() {
        String source = """
                class X {
                    // "a comment here"
                    /** "javadoc words" */
                    String a() { return n + " sessions imported"; }
                    void b() { LOG.warn("cannot read {}", f); throw new IllegalStateException("bad state here"); }
                    UserText c() { return UserText.of("sync", "drafts", n); }
                    String d() { return "ok"; }
                }
                """;
        assertThat(sentences("X.java", source)).singleElement().asString().contains("sessions imported");
    }

    static List<String> sentences(String name, String source) {
        List<String> out = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        boolean inComment = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (inComment) {
                int end = line.indexOf("*/");
                if (end < 0) {
                    continue;
                }
                line = line.substring(end + 2);
                inComment = false;
            }
            String code = line.strip();
            if (code.startsWith("//") || code.startsWith("*")) {
                continue;
            }
            int open = line.indexOf("/*");
            if (open >= 0 && line.indexOf("*/", open) < 0) {
                inComment = true;
                line = line.substring(0, open);
            }
            line = line.replaceAll("/\\*.*?\\*/", "");
            if (NOT_USER_TEXT.matcher(line).find()) {
                continue;
            }
            Matcher m = LITERAL.matcher(line.replaceAll("\\s//.*$", ""));
            while (m.find()) {
                if (SENTENCE.matcher(m.group(1)).find()) {
                    out.add(name + ":" + (i + 1) + " \"" + m.group(1) + "\"");
                }
            }
        }
        return out;
    }

    static Map<String, Path> bundles() throws IOException, URISyntaxException {
        return BundleCheck.bundles(Wording.class, "/dev/sessiondesk/app/text/README.txt");
    }
}
