package dev.sessiondesk.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.ui.i18n.Texts;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The "actions" and "composer" bundles: every key in English and German, every pattern well-formed. */
class ActionsAndComposerTextsTest {

    @ParameterizedTest
    @ValueSource(strings = {"actions", "composer"})
    void everyKeyExistsInEveryLanguageAndFormats(String area) throws Exception {
        Properties en = load(area + ".properties");
        Properties de = load(area + "_de.properties");
        assertThat(en).isNotEmpty();
        assertThat(de.keySet()).as(area + "_de has the same keys").containsExactlyInAnyOrderElementsOf(en.keySet());
        for (Properties p : new Properties[] {en, de}) {
            for (String key : p.stringPropertyNames()) {
                assertThat(new MessageFormat(p.getProperty(key), Locale.ROOT).format(new Object[] {"a", "b", "c"}))
                        .as(area + "." + key).doesNotContain("{");
            }
        }
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMAN);
            assertThat(Texts.of(area).get(en.stringPropertyNames().iterator().next())).doesNotStartWith("!");
        } finally {
            Locale.setDefault(before);
        }
    }

    private static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = ActionsAndComposerTextsTest.class.getResourceAsStream("/dev/sessiondesk/ui/i18n/" + name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
