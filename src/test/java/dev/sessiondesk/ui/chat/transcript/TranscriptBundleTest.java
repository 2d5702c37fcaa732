package dev.sessiondesk.ui.chat.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.render.MessageHtml;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Role;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The "transcript" strings: German has every English key, and rendering never asks for a key that is missing. */
class TranscriptBundleTest {
    private static Properties bundle(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = TranscriptBundleTest.class.getResourceAsStream("/dev/sessiondesk/ui/i18n/" + name)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void germanHasEveryKeyAndNoOthers() throws Exception {
        assertThat(bundle("transcript_de.properties").stringPropertyNames())
                .isEqualTo(bundle("transcript.properties").stringPropertyNames());
    }

    @Test
    void renderingUsesOnlyKeysTheBundleHas() throws Exception {
        Set<String> asked = new HashSet<>();
        MessageHtml html = new MessageHtml((key, args) -> {
            asked.add(key);
            return key;
        }, ZoneOffset.UTC);
        for (MessageState state : MessageState.values()) {
            for (Message m : TranscriptViewTest.conversation()) {
                html.article(new Message(m.rowId(), m.sessionId(), m.seq(), m.messageId(), m.role(), m.created(),
                        m.contentJson(), false, true, state, null), dev.sessiondesk.app.render.MessageContext.ALONE);
            }
        }
        html.article(new Message(1, "s", 1, null, Role.USER, 0, ContentItems.textArray("x".repeat(30_000)), true, true,
                MessageState.COMPLETE, null), dev.sessiondesk.app.render.MessageContext.ALONE);
        assertThat(asked).isNotEmpty();
        assertThat(bundle("transcript.properties").stringPropertyNames()).containsAll(asked);
    }
}
