package dev.sessiondesk.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.chat.Attachment;
import dev.sessiondesk.app.chat.AttachmentReader;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.model.CanonicalJson;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composer's queue and attachments without a window. */
class ComposerModelsTest {
    @TempDir
    Path dir;

    @Test
    void enterWhileAReplyStreamsQueuesAndSendsOnceWhenItEnds() {
        SimpleBooleanProperty replying = new SimpleBooleanProperty(true);
        SimpleStringProperty text = new SimpleStringProperty("next question");
        SimpleStringProperty session = new SimpleStringProperty("s1");
        List<String> sent = new ArrayList<>();
        ReplyQueue queue = new ReplyQueue(replying, text, session, () -> sent.add(text.get()));

        queue.submit();
        assertThat(queue.queuedProperty().get()).isTrue();
        assertThat(sent).as("never interrupts the reply").isEmpty();
        assertThat(text.get()).as("kept as the draft").isEqualTo("next question");

        replying.set(false);
        assertThat(sent).containsExactly("next question");
        assertThat(queue.queuedProperty().get()).isFalse();
        replying.set(true);
        replying.set(false);
        assertThat(sent).as("sent once").hasSize(1);

        queue.submit();
        assertThat(sent).as("no reply streaming: sends at once").hasSize(2);
    }

    @Test
    void clearingTheComposerCancellingOrSwitchingSessionDropsTheQueueButNotTheText() {
        SimpleBooleanProperty replying = new SimpleBooleanProperty(true);
        SimpleStringProperty text = new SimpleStringProperty("later");
        SimpleStringProperty session = new SimpleStringProperty("s1");
        List<String> sent = new ArrayList<>();
        ReplyQueue queue = new ReplyQueue(replying, text, session, () -> sent.add(text.get()));
        queue.submit();
        queue.cancel();
        replying.set(false);
        assertThat(sent).isEmpty();
        assertThat(text.get()).isEqualTo("later");

        replying.set(true);
        queue.submit();
        session.set("s2");
        replying.set(false);
        assertThat(sent).isEmpty();

        replying.set(true);
        queue.submit();
        text.set("  ");
        replying.set(false);
        assertThat(sent).isEmpty();
    }

    @Test
    void imagesAndTextFilesBecomeGooseContentItemsAndTooLargeOnesAreRefusedWithTheSizes() throws Exception {
        Locale.setDefault(Locale.ENGLISH);
        byte[] png = dev.sessiondesk.app.chat.PngImages.encode(2, 1, new int[] {0xFFFF0000, 0x8000FF00});
        Path image = Files.write(dir.resolve("dot.png"), png);
        Path notes = Files.writeString(dir.resolve("notes.md"), "# Notes\n```java\nint x;\n```\n");
        Path big = dir.resolve("huge.png");
        Files.write(big, png);
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(12L * 1024 * 1024 + 300 * 1024);
        }
        Path bigText = dir.resolve("log.txt");
        Files.writeString(bigText, "x".repeat(2 * 1024 * 1024));
        Path binary = Files.write(dir.resolve("blob.bin"), new byte[] {1, 0, 2, 3});

        ComposerAttachments attachments = new ComposerAttachments(TaskRunner.sameThread());
        attachments.addFiles(List.of(image, notes));
        assertThat(attachments.pending()).extracting(Attachment::name).containsExactly("dot.png", "notes.md");

        JsonNode content = CanonicalJson.MAPPER.readTree(Attachment.messageContent("Look", attachments.pending()));
        assertThat(content.get(0).path("text").asText()).isEqualTo("Look");
        assertThat(content.get(1).path("type").asText()).isEqualTo("image");
        assertThat(content.get(1).path("mimeType").asText()).isEqualTo("image/png");
        assertThat(Base64.getDecoder().decode(content.get(1).path("data").asText())).isEqualTo(png);
        assertThat(content.get(2).path("type").asText()).isEqualTo("text");
        assertThat(content.get(2).path("text").asText()).startsWith("notes.md:\n````\n# Notes\n```java")
                .endsWith("```\n````");

        attachments.addFiles(List.of(big));
        assertThat(attachments.problemProperty().get())
                .isEqualTo("huge.png is not attached: it is 12.3 MB, and images can be at most 10.0 MB.");
        attachments.addFiles(List.of(bigText));
        assertThat(attachments.problemProperty().get()).startsWith("log.txt is not attached: it is 2.0 MB")
                .endsWith("text files can be at most 1.0 MB.");
        attachments.addFiles(List.of(binary));
        assertThat(attachments.problemProperty().get()).contains("blob.bin").contains("neither an image");
        assertThat(attachments.pending()).hasSize(2);

        attachments.addImage("pasted image", 2, 1, new int[] {0xFFFF0000, 0x8000FF00});
        assertThat(attachments.pending()).hasSize(3);
        assertThat(attachments.pending().get(2).data()).isEqualTo(Base64.getEncoder().encodeToString(png));
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }
}
