package dev.sessiondesk.app.importer;

import static dev.sessiondesk.app.importer.ImportTestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random damage to every importable format: truncations, bit flips, values of the wrong type,
 * huge lines and invalid UTF-8. Whatever the damage: no exception escapes, every problem names the
 * file and a line or JSON path, and a session is in the store whole or not at all (never partly).
 * A failing case prints its seed and iteration so it can be replayed.
 */
class ImportFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261121L);
    private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 50);

    @TempDir
    Path tmp;
    Store store;
    Random random;

    @BeforeEach
    void open() {
        store = Store.open(tmp.resolve("data"));
        random = new Random(SEED);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void damagedGooseSessionFilesAreWholeOrNotAtAllAndAlwaysLocated() throws IOException {
        byte[] original = Files.readAllBytes(fixture("goose-jsonl/20240101_120000.jsonl"));
        for (int i = 0; i < ROUNDS; i++) {
            String name = "fuzz_" + i;
            byte[] damaged = damage(original, true);
            Path file = Files.write(tmp.resolve(name + ".jsonl"), damaged);
            boolean partial = i % 4 == 3;
            ImportReport report = importAs(file, ImportFormat.GOOSE_JSONL, partial, i);

            assertLocated(report, name + ".jsonl", i);
            Optional<Session> s = store.sessions().findByExternalRef("goose", name);
            String context = context(i, damaged, report);
            if (!report.skipped().isEmpty() && !partial) {
                assertThat(s).as("nothing of a damaged file is imported " + context).isEmpty();
            }
            if (s.isPresent()) {
                assertThat(store.verifier().verifySession(s.get().id()).ok()).isTrue();
                boolean markedPartial = s.get().title().endsWith(ImportWriter.PARTIAL_MARK);
                if (!markedPartial) {
                    assertThat(s.get().messageCount()).as("a whole import has every message line " + context)
                            .isEqualTo(messageLines(damaged));
                } else {
                    assertThat(partial).as(context).isTrue();
                    assertThat(s.get().messageCount()).isLessThan(messageLines(damaged) + 1);
                }
            }
        }
        assertThat(store.verifier().verifyAll(false).ok()).isTrue();
    }

    @Test
    void damagedGooseExportsAreWholeOrNotAtAllAndAlwaysLocated() throws IOException {
        String text = Files.readString(fixture("goose-export/export-new.json"));
        for (int i = 0; i < ROUNDS; i++) {
            String ref = "fuzz-export-" + i;
            byte[] damaged = damage(text.replace("20250301_7", ref).getBytes(StandardCharsets.UTF_8), false);
            Path file = Files.write(tmp.resolve(ref + ".json"), damaged);
            ImportReport report = importAs(file, ImportFormat.GOOSE_EXPORT, false, i);

            assertLocated(report, ref + ".json", i);
            Optional<Session> s = store.sessions().findByExternalRef("goose", ref);
            if (!report.skipped().isEmpty()) {
                assertThat(s).as("nothing of a damaged export is imported " + context(i, damaged, report)).isEmpty();
            }
            if (s.isPresent()) {
                JsonNode tree = CanonicalJson.parse(new String(damaged, StandardCharsets.UTF_8));
                assertThat(s.get().messageCount()).as(context(i, damaged, report))
                        .isEqualTo(tree.get("conversation").size());
            }
        }
        assertThat(store.verifier().verifyAll(false).ok()).isTrue();
    }

    @Test
    void damagedChatGptExportsNeverCrashAndAreAlwaysLocated() throws IOException {
        String text = Files.readString(fixture("chatgpt/conversations.json"));
        for (int i = 0; i < ROUNDS; i++) {
            String a = "fuzz-a-" + i;
            byte[] damaged = damage(text.replace("\"conv-a\"", "\"" + a + "\"").replace("\"conv-b\"", "\"fuzz-b-" + i + "\"")
                    .getBytes(StandardCharsets.UTF_8), false);
            Path file = Files.write(tmp.resolve("conversations-" + i + ".json"), damaged);
            ImportReport report = importAs(file, ImportFormat.CHATGPT, false, i);

            assertLocated(report, "conversations-" + i + ".json", i);
            Optional<Session> main = store.sessions().findByExternalRef("chatgpt", a);
            boolean firstConversationSkipped = report.skipped().stream()
                    .anyMatch(p -> p.reason().startsWith("$[0]") || p.where().endsWith(".json:2:3"));
            if (firstConversationSkipped) {
                assertThat(main).as("a damaged conversation is not imported " + context(i, damaged, report)).isEmpty();
            }
        }
        assertThat(store.verifier().verifyAll(false).ok()).isTrue();
    }

    @Test
    void damagedExportsOfTheOtherAppsNeverCrashAndAreAlwaysLocated() throws IOException {
        String[] files = {"claude/conversations.json", "open-webui/chat-export-1735000200.json",
                "lmstudio/1730000000000.conversation.json", "chatbox/chatbox-exported-data-2024-07-03.json"};
        ImportFormat[] formats = {ImportFormat.CLAUDE, ImportFormat.OPEN_WEBUI, ImportFormat.LM_STUDIO, ImportFormat.CHATBOX};
        for (int i = 0; i < ROUNDS; i++) {
            int k = i % files.length;
            byte[] damaged = damage(Files.readAllBytes(fixture(files[k])), false);
            String name = "other-" + i + "-" + Path.of(files[k]).getFileName();
            Path file = Files.write(tmp.resolve(name), damaged);
            assertLocated(importAs(file, formats[k], false, i), name, i);
        }
        assertThat(store.verifier().verifyAll(false).ok()).isTrue();
    }

    private ImportReport importAs(Path file, ImportFormat format, boolean partial, int round) throws IOException {
        try {
            return ImportTestSupport.importPath(store, file,
                    ImportOptions.defaults().withFormat(format).withPartial(partial).withMaxBytes(8L * 1024 * 1024));
        } catch (RuntimeException e) {
            throw new AssertionError("round " + round + " (seed " + SEED + ") crashed the import of " + file, e);
        }
    }

    private static void assertLocated(ImportReport report, String fileName, int round) {
        for (ImportProblem p : report.skipped()) {
            assertThat(p.where()).as("round %d: %s", round, p).contains(fileName);
            boolean hasLine = p.where().matches(".*:\\d+(:\\d+)?");
            boolean hasPath = p.reason().startsWith("$") || p.where().contains("$[");
            boolean wholeFile = p.reason().startsWith("refused") || p.reason().startsWith("empty file");
            assertThat(hasLine || hasPath || wholeFile).as("round %d: %s is located", round, p).isTrue();
            assertThat(p.reason()).isNotBlank();
        }
    }

    private String context(int round, byte[] damaged, ImportReport report) {
        String shown = new String(damaged, 0, Math.min(damaged.length, 400), StandardCharsets.UTF_8);
        return "(round " + round + ", seed " + SEED + "): " + report.summaryLines() + "\n" + shown;
    }

    /** Non-blank lines after the metadata line (the oracle for "every message line was imported"). */
    private static int messageLines(byte[] file) {
        String[] lines = new String(file, StandardCharsets.UTF_8).split("\n", -1);
        int count = 0;
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                count++;
            }
        }
        boolean firstIsMetadata = !lines[0].contains("\"role\"");
        return firstIsMetadata ? count - 1 : count;
    }

    private byte[] damage(byte[] original, boolean lineFormat) throws IOException {
        return switch (random.nextInt(5)) {
            case 0 -> Arrays.copyOf(original, random.nextInt(original.length));
            case 1 -> {
                byte[] b = original.clone();
                int n = 1 + random.nextInt(3);
                for (int k = 0; k < n; k++) {
                    int at = random.nextInt(b.length);
                    b[at] ^= (byte) (1 << random.nextInt(8));
                }
                yield b;
            }
            case 2 -> wrongType(original, lineFormat);
            case 3 -> hugeLine(original, lineFormat);
            default -> invalidUtf8(original);
        };
    }

    private byte[] invalidUtf8(byte[] original) {
        byte[][] bad = {{(byte) 0xC3, (byte) 0x28}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, (byte) 0x28, (byte) 0x8C}};
        byte[] insert = bad[random.nextInt(bad.length)];
        int at = random.nextInt(original.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(original, 0, at);
        out.writeBytes(insert);
        out.write(original, at, original.length - at);
        return out.toByteArray();
    }

    private byte[] hugeLine(byte[] original, boolean lineFormat) {
        String big = "x".repeat(1_000_000 + random.nextInt(1_000_000));
        String text = new String(original, StandardCharsets.UTF_8);
        if (lineFormat) {
            String line = random.nextBoolean()
                    ? "{\"role\":\"user\",\"created\":1704110500,\"content\":[{\"type\":\"text\",\"text\":\"" + big + "\"}]}"
                    : big;
            return (text + line + "\n").getBytes(StandardCharsets.UTF_8);
        }
        int at = text.indexOf("\"text\": \"") + "\"text\": \"".length();
        if (at < "\"text\": \"".length()) {
            at = text.indexOf("\"parts\": [\"") + "\"parts\": [\"".length();
        }
        return (text.substring(0, at) + big + text.substring(at)).getBytes(StandardCharsets.UTF_8);
    }

    /** Valid JSON with one value replaced by a value of another type, somewhere in the tree. */
    private byte[] wrongType(byte[] original, boolean lineFormat) throws IOException {
        String text = new String(original, StandardCharsets.UTF_8);
        if (lineFormat) {
            String[] lines = text.split("\n");
            int target = random.nextInt(lines.length);
            lines[target] = CanonicalJson.write(mutate(CanonicalJson.parse(lines[target])));
            return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        }
        return CanonicalJson.write(mutate(CanonicalJson.parse(text))).getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode mutate(JsonNode root) {
        List<JsonNode[]> slots = new ArrayList<>(); // {parent, child}
        collect(root, slots);
        if (slots.isEmpty()) {
            return JsonNodeFactory.instance.numberNode(random.nextInt());
        }
        JsonNode[] slot = slots.get(random.nextInt(slots.size()));
        JsonNode replacement = otherType(slot[1]);
        if (slot[0] instanceof ObjectNode o) {
            for (var e : o.properties()) {
                if (e.getValue() == slot[1]) {
                    e.setValue(replacement);
                }
            }
        } else if (slot[0] instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) == slot[1]) {
                    a.set(i, replacement);
                }
            }
        }
        return root;
    }

    private static void collect(JsonNode node, List<JsonNode[]> slots) {
        for (JsonNode child : node) {
            slots.add(new JsonNode[] {node, child});
            collect(child, slots);
        }
    }

    private JsonNode otherType(JsonNode current) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> options = new ArrayList<>(List.of(f.textNode("surprise"), f.numberNode(42), f.booleanNode(true),
                f.nullNode(), f.arrayNode().add(1), f.objectNode().put("k", "v")));
        options.removeIf(o -> o.getNodeType() == current.getNodeType());
        return options.get(random.nextInt(options.size()));
    }
}
