package dev.sessiondesk.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The "api" area's strings exist in English and German, key for key, and none is empty. */
class ApiTextsTest {
    private static Properties bundle(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = ApiTextsTest.class.getResourceAsStream("/dev/sessiondesk/ui/i18n/" + name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyKeyIsTranslated() throws Exception {
        Properties en = bundle("api.properties");
        Properties de = bundle("api_de.properties");
        assertThat(de.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        for (String key : en.stringPropertyNames()) {
            assertThat(en.getProperty(key)).as("en " + key).isNotBlank();
            assertThat(de.getProperty(key)).as("de " + key).isNotBlank();
        }
    }
}
