package dev.sessiondesk.app.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.store.ChainReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sentences app/ produces for people exist in every language SessionDesk speaks, the CLI keeps
 * its English exactly, and the classes whose texts moved into bundles do not grow new English again.
 */
class AppTextsTest {
    static final List<String> LANGUAGES = List.of("de");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");

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
        Map<String, Path> english = bundles().entrySet().stream().filter(e -> !e.getKey().contains("_"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        assertThat(english).as("English bundles in dev/sessiondesk/app/text").containsKeys("import", "sync", "verify",
                "startup", "store", "upgrade", "assistant", "progress", "export");
        List<String> problems = new ArrayList<>();
        for (var area : english.entrySet()) {
            Properties en = load(area.getValue());
            checkPatterns(area.getKey() + ".properties", en, problems);
            for (String lang : LANGUAGES) {
                String name = area.getKey() + "_" + lang + ".properties";
                Path file = area.getValue().resolveSibling(name);
                if (!Files.exists(file)) {
                    problems.add(name + " is missing: area \"" + area.getKey() + "\" has no " + lang + " translation");
                    continue;
                }
                Properties tr = load(file);
                checkPatterns(name, tr, problems);
                for (String key : new TreeSet<>(en.stringPropertyNames())) {
                    if (!tr.containsKey(key)) {
                        problems.add(name + ": key \"" + key + "\" is missing (English: \"" + en.getProperty(key) + "\")");
                    } else if (!placeholders(en.getProperty(key)).equals(placeholders(tr.getProperty(key)))) {
                        problems.add(name + ": key \"" + key + "\" uses placeholders " + placeholders(tr.getProperty(key))
                                + " but English uses " + placeholders(en.getProperty(key)));
                    }
                }
                for (String key : new TreeSet<>(tr.stringPropertyNames())) {
                    if (!en.containsKey(key)) {
                        problems.add(name + ": key \"" + key + "\" is not in " + area.getKey() + ".properties");
                    }
                }
            }
        }
        for (String name : bundles().keySet()) {
            String base = name.contains("_") ? name.substring(0, name.indexOf('_')) : name;
            if (!english.containsKey(base)) {
                problems.add(name + ".properties has no English " + base + ".properties beside it");
            }
        }
        assertThat(problems).as("bundle problems").isEmpty();
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

    private static void checkPatterns(String file, Properties p, List<String> problems) {
        for (String key : p.stringPropertyNames()) {
            String v = p.getProperty(key);
            if (v.isBlank()) {
                problems.add(file + ": key \"" + key + "\" is empty");
                continue;
            }
            try {
                new MessageFormat(v, Locale.ROOT);
            } catch (IllegalArgumentException e) {
                problems.add(file + ": key \"" + key + "\" is not a valid MessageFormat pattern: " + e.getMessage());
            }
            if (v.matches(".*[A-Za-z]'[A-Za-z].*")) {
                problems.add(file + ": key \"" + key + "\" has a single apostrophe, which MessageFormat drops; write ''");
            }
        }
    }

    private static Set<String> placeholders(String pattern) {
        Set<String> out = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static Map<String, Path> bundles() throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(Wording.class.getResource("/dev/sessiondesk/app/text/README.txt")).toURI())
                .getParent();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".properties")).collect(Collectors.toMap(
                    f -> f.getFileName().toString().replace(".properties", ""), f -> f, (a, b) -> a, TreeMap::new));
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
