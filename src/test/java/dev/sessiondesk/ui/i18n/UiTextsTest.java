package dev.sessiondesk.ui.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
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
 * The GUI speaks every language it ships: each area's bundle exists in English and German with
 * the same keys and the same placeholders, and no user-visible text is written into ui/ code.
 */
class UiTextsTest {
    /** Every shipped translation; an area without one of these files fails. */
    static final List<String> LANGUAGES = List.of("de");
    private static final Path UI_SOURCES = Path.of("src/main/java/dev/sessiondesk/ui");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");
    /**
     * Files that still held English literals when the bundles were introduced, with the area whose
     * owner moves them into a bundle. Any other file with a literal fails at once; a listed file
     * without literals fails too, so this list only ever shrinks. Empty it, don't grow it.
     */
    static final Map<String, String> NOT_YET_TRANSLATED = Map.ofEntries();

    @Test
    void everyKeyOfEveryAreaExistsInEveryLanguageWithTheSamePlaceholders() throws Exception {
        Map<String, Path> english = bundles().entrySet().stream().filter(e -> !e.getKey().contains("_"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        assertThat(english).as("English bundles in dev/sessiondesk/ui/i18n").isNotEmpty();
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
    void noUserVisibleTextIsWrittenIntoUiCode() throws IOException {
        assertThat(UI_SOURCES).as("run from the project folder").isDirectory();
        List<String> findings = new ArrayList<>();
        List<String> nowClean = new ArrayList<>(NOT_YET_TRANSLATED.keySet());
        try (Stream<Path> files = Files.walk(UI_SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String name = UI_SOURCES.relativize(file).toString().replace('\\', '/');
                List<UserVisibleLiterals.Finding> found = UserVisibleLiterals.find(Files.readString(file));
                if (!found.isEmpty()) {
                    nowClean.remove(name);
                }
                if (NOT_YET_TRANSLATED.containsKey(name)) {
                    continue;
                }
                for (var f : found) {
                    findings.add(name + ":" + f.line() + " \"" + f.literal() + "\"   in: " + abbreviate(f.context()));
                }
            }
        }
        assertThat(findings)
                .as("user-visible text written into ui/ code; put each into the bundle of its area "
                        + "(src/main/resources/dev/sessiondesk/ui/i18n/<area>.properties and <area>_de.properties) "
                        + "and read it with Texts.of(\"<area>\").get(\"<key>\", args…)")
                .isEmpty();
        assertThat(nowClean).as("files in NOT_YET_TRANSLATED without literals any more: remove them from the list")
                .isEmpty();
    }

    @Test
    void theScannerFindsTextOnScreenAndIgnoresLogsKeysAndComments() {
        String source = """
                class X {
                    // new Label("a comment")
                    void f() {
                        Label a = new Label("Open the file");
                        button.setText("Send");
                        status.setText(count + " messages saved");
                        MenuItem m = item("New Window", "Shortcut+N", this::w);
                        LOG.warn("Cannot read {}", file);
                        throw new IllegalStateException("Bad state here");
                        label.setText(T.get("sidebar.open", n));
                        node.setId("session-list");
                        node.getStyleClass().add("session-title");
                        BackgroundTask.run("Write the layout", () -> { });
                    }
                }
                """;
        assertThat(UserVisibleLiterals.find(source)).extracting(UserVisibleLiterals.Finding::literal)
                .containsExactly("Open the file", "Send", " messages saved", "New Window");
        assertThat(UserVisibleLiterals.find(source).get(0).line()).isEqualTo(4);
    }

    @Test
    void germanPluralsAndNumbersFollowTheLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Texts.of("sidebar").get("meta.messages", 1234)).isEqualTo("1.234 Nachrichten");
            assertThat(Texts.of("sidebar").get("meta.messages", 1)).isEqualTo("1 Nachricht");
            Locale.setDefault(Locale.US);
            assertThat(Texts.of("sidebar").get("meta.messages", 1234)).isEqualTo("1,234 messages");
            assertThat(Texts.of("sidebar").get("meta.messages", 0)).isEqualTo("no messages");
            assertThat(Texts.of("sidebar").get("no-such-key")).isEqualTo("!sidebar.no-such-key!");
        } finally {
            Locale.setDefault(before);
        }
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

    /** Bundle name (area or area_lang) → file, from the compiled resources. */
    static Map<String, Path> bundles() throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(Texts.class.getResource("/dev/sessiondesk/ui/i18n/README.txt")).toURI())
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

    private static String abbreviate(String s) {
        return s.length() > 110 ? s.substring(0, 110) + "…" : s;
    }
}
