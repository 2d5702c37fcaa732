package dev.sessiondesk.ui.chat.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.render.MessageHtml;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Role;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/**
 * Paging older messages into the transcript: the page's HTML is written by the background executor
 * (never on the caller's thread, which is the FX thread in the app), arrives as one prepend of a
 * small page, and a page rendered for a transcript that was rebuilt meanwhile is dropped.
 */
class TranscriptPagingTest {
    private final Queue<Runnable> background = new ArrayDeque<>();
    private final List<String> calls = new ArrayList<>();
    private final List<Message> list = new ArrayList<>();
    private final TranscriptSync sync = new TranscriptSync(list, new MessageHtml((key, args) -> key, ZoneId.of("UTC")),
            seq -> null, new Recorder(), new TaskRunner(background::add, Runnable::run));

    TranscriptPagingTest() {
        for (int i = 1; i <= 200; i++) {
            list.add(TranscriptFixture.text(i, i % 2 == 1 ? Role.USER : Role.ASSISTANT, "Message number " + i));
        }
    }

    @Test
    void anOlderPageIsRenderedInTheBackgroundAndPrependedInOneCall() {
        sync.reset();
        assertThat(sync.renderedCount()).isEqualTo(TranscriptSync.PAGE_MESSAGES);
        calls.clear();

        assertThat(sync.loadOlder()).isTrue();
        assertThat(calls).isEmpty(); // nothing was rendered on this thread
        assertThat(sync.loadOlder()).isFalse(); // one page at a time
        assertThat(background).hasSize(1);

        background.poll().run();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0)).startsWith("prepend true ");
        int first = 200 - TranscriptSync.PAGE_MESSAGES - TranscriptSync.OLDER_PAGE_MESSAGES + 1;
        assertThat(calls.get(0)).contains("id=\"m-" + first + "\"").doesNotContain("id=\"m-" + (first - 1) + "\"")
                .contains("id=\"m-" + (200 - TranscriptSync.PAGE_MESSAGES) + "\"");
        assertThat(sync.renderedCount()).isEqualTo(TranscriptSync.PAGE_MESSAGES + TranscriptSync.OLDER_PAGE_MESSAGES);
        assertThat(sync.loadOlder()).isTrue(); // the next page may be asked for now
    }

    @Test
    void aPageRenderedForAnEarlierTranscriptIsDropped() {
        sync.reset();
        sync.loadOlder();
        sync.reset(); // e.g. hidden messages shown: the page was rebuilt
        calls.clear();
        background.poll().run();
        assertThat(calls).isEmpty();
        assertThat(sync.renderedCount()).isEqualTo(TranscriptSync.PAGE_MESSAGES);
        assertThat(sync.loadOlder()).isTrue();
    }

    @Test
    void pagingReachesTheFirstMessageAndThenSaysThereIsNothingOlder() {
        sync.reset();
        while (sync.loadOlder()) {
            background.poll().run();
        }
        assertThat(sync.renderedCount()).isEqualTo(200);
        assertThat(calls.get(calls.size() - 1)).isEqualTo("prepend false ");
        assertThat(calls.stream().filter(c -> c.contains("id=\"m-1\"")).count()).isEqualTo(1);
    }

    @Test
    void olderMessagesPutInFrontOfTheListLaterMakeThePageAskAgain() {
        List<Message> older = new ArrayList<>(list.subList(0, 100));
        list.subList(0, 100).clear(); // the window shows the newest 100 first (a session opened newest first)
        sync.reset();
        while (sync.loadOlder()) {
            background.poll().run();
        }
        assertThat(calls.get(calls.size() - 1)).isEqualTo("prepend false "); // the page stops asking
        calls.clear();
        list.addAll(0, older);
        sync.sync();
        assertThat(calls).containsExactly("prepend true ");
        assertThat(sync.loadOlder()).isTrue();
        background.poll().run();
        assertThat(calls.get(1)).contains("id=\"m-100\"");
    }

    private final class Recorder implements PageOps {
        @Override
        public void reset(String html, boolean hasOlder) {
            calls.add("reset " + hasOlder + " " + html);
        }

        @Override
        public void append(String html) {
            calls.add("append " + html);
        }

        @Override
        public void prepend(String html, boolean hasOlder) {
            calls.add("prepend " + hasOlder + " " + html);
        }

        @Override
        public void replace(int seq, String html) {
            calls.add("replace " + seq);
        }

        @Override
        public void remove(int seq) {
            calls.add("remove " + seq);
        }
    }
}
