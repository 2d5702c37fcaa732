package dev.sessiondesk.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.model.GooseMessages;
import dev.sessiondesk.model.NewMessage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes generated conversations as Goose legacy session files ({@code <id>.jsonl}: a metadata line,
 * then one Goose message per line; shared/formats.md), so the importer can be measured on the same
 * messages the seeder writes: file {@code i} holds conversation {@code i} with {@code lengths[i]}
 * messages of {@link ConversationGenerator}.
 */
final class GooseJsonlCorpus {
    private GooseJsonlCorpus() {
    }

    /** Writes one file per session into {@code folder}; returns the bytes written. */
    static long write(Path folder, ConversationGenerator generator, int[] lengths) throws IOException {
        Files.createDirectories(folder);
        long bytes = 0;
        for (int i = 0; i < lengths.length; i++) {
            Path file = folder.resolve(String.format("20250101_%06d.jsonl", i));
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                ObjectNode meta = JsonNodeFactory.instance.objectNode();
                meta.put("description", "Imported session " + i);
                meta.put("working_dir", "/home/dev/project-" + (i % 50));
                meta.put("message_count", lengths[i]);
                out.write(meta.toString());
                out.write('\n');
                for (NewMessage m : generator.conversation(i, lengths[i])) {
                    out.write(GooseMessages.toJson(m).toString());
                    out.write('\n');
                }
            }
            bytes += Files.size(file);
        }
        return bytes;
    }
}
