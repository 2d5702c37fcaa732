package dev.sessiondesk.ui.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.i18n.BundleCheck;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The GUI speaks every language it ships: each area's bundle exists in English and German with
 * the same keys and the same placeholders, and no user-visible text is written into ui/ code.
 */
class UiTextsTest {
    /** Every shipped translation; an area without one of these files fails. */
    private static final Path UI_SOURCES = Path.of("src/main/java/dev/sessiondesk/ui");
    /**
     * Files that still held English literals when the bundles were introduced, with the area whose
     * owner moves them into a bundle. Any other file with a literal fails at once; a listed file
     * without literals fails too, so this list only ever shrinks. Empty it, don't grow it.
     */
    static final Map<String, String> NOT_YET_TRANSLATED = Map.ofEntries();

    @Test
    void everyKeyOfEveryAreaExistsInEveryLanguageWithTheSamePlaceholders() throws Exception {
        Map<String, Path> bundles = bundles();
        assertThat(BundleCheck.english(bundles)).as("English bundles in dev/sessiondesk/ui/i18n").isNotEmpty();
        assertThat(BundleCheck.problems(bundles, false)).as("bundle problems").isEmpty();
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

    /** Bundle name (area or area_lang) → file, from the compiled resources. */
    static Map<String, Path> bundles() throws IOException, URISyntaxException {
        return BundleCheck.bundles(Texts.class, "/dev/sessiondesk/ui/i18n/README.txt");
    }

    private static String abbreviate(String s) {
        return s.length() > 110 ? s.substring(0, 110) + "…" : s;
    }
}
