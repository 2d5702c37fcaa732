package dev.sessiondesk.ui.chat.transcript;

import static dev.sessiondesk.ui.GuiFixture.fx;
import static dev.sessiondesk.ui.GuiFixture.waitFor;
import static dev.sessiondesk.ui.chat.transcript.TranscriptFixture.message;
import static dev.sessiondesk.ui.chat.transcript.TranscriptFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.ui.GuiFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A reply streamed word by word, faster than the page is updated (updates are coalesced while a
 * reply streams): the page must end up showing exactly the stored text, in order, nothing lost or
 * doubled — both the last streamed version and the finished one, which must equal a page that
 * rendered the finished message at once.
 */
class StreamingTranscriptTest {
    private static final String BODY = "(function(){var b=document.querySelector('#m-2 .msg-body');"
            + "return b?b.textContent.replace(/\\s+/g,' ').trim():null;})()";
    private static final String BODY_HTML = "(function(){var b=document.querySelector('#m-2 .msg-body');"
            + "return b?b.innerHTML:null;})()";
    private TranscriptFixture streamed;
    private TranscriptFixture direct;

    @BeforeAll
    static void toolkit() throws Exception {
        GuiFixture.startToolkit();
    }

    @AfterEach
    void close() throws Exception {
        for (TranscriptFixture f : new TranscriptFixture[] {streamed, direct}) {
            if (f != null) {
                f.close();
            }
        }
    }

    /** Word {@code i} of the reply: numbered, with text that must stay text (markup, entities, emoji). */
    private static String word(int i) {
        return switch (i % 7) {
            case 0 -> "w" + i + "<b>&";
            case 3 -> "w" + i + "🙂";
            case 5 -> "w" + i + "\n\n"; // paragraphs come and go while the reply grows
            default -> "w" + i;
        };
    }

    private static String reply(int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= words; i++) {
            sb.append(word(i)).append(' ');
        }
        return sb.toString().strip();
    }

    @Test
    void aReplyStreamedWordByWordShowsExactlyTheStoredText() throws Exception {
        int words = 400;
        streamed = new TranscriptFixture(Map.of()).show(List.of(text(1, Role.USER, "Stream a long answer")));
        for (int i = 1; i <= words; i++) {
            String json = ContentItems.textArray(reply(i));
            fx(() -> {
                if (streamed.messages.size() < 2) {
                    streamed.messages.add(message(2, Role.ASSISTANT, json, MessageState.STREAMING));
                } else {
                    streamed.messages.set(1, message(2, Role.ASSISTANT, json, MessageState.STREAMING));
                }
                return null;
            });
            if (i % 20 == 0) {
                Thread.sleep(30); // some updates reach the page mid-stream, most are coalesced
            }
        }
        String stored = reply(words).replaceAll("\\s+", " ");
        try {
            waitFor("the last streamed version on the page", () -> stored.equals(streamed.js(BODY)));
        } finally {
            assertThat(streamed.js(BODY)).isEqualTo(stored); // names the difference when the wait fails
        }

        String finalJson = ContentItems.textArray(reply(words));
        fx(() -> {
            streamed.messages.set(1, message(2, Role.ASSISTANT, finalJson, MessageState.COMPLETE));
            return null;
        });
        waitFor("the finished reply on the page", () -> streamed.count("#m-2.state-complete") == 1);
        assertThat(streamed.js(BODY)).isEqualTo(stored);
        assertThat(streamed.count("#transcript > .msg")).isEqualTo(2);

        direct = new TranscriptFixture(Map.of()).show(List.of(text(1, Role.USER, "Stream a long answer"),
                message(2, Role.ASSISTANT, finalJson, MessageState.COMPLETE)));
        assertThat(streamed.js(BODY_HTML)).isEqualTo(direct.js(BODY_HTML));
    }
}
