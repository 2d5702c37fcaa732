package dev.sessiondesk.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded, reproducible conversations of realistic shape: word-like text of mostly 50–2,000
 * characters, assistant turns that call tools (a {@code toolRequest} answered by a user-role
 * {@code toolResponse}), and now and then a 50 KB tool output. Conversation {@code i} depends only on
 * the seed, {@code i} and its length, so any session can be regenerated alone and two runs with the
 * same seed produce byte-identical content (and therefore identical hash chains).
 */
public final class ConversationGenerator {
    /** Unix seconds of the first generated message; fixed so content (and hashes) never depend on the clock. */
    static final long EPOCH_SECONDS = 1_735_689_600L; // 2025-01-01T00:00:00Z
    static final int LARGE_TOOL_OUTPUT_CHARS = 50 * 1024;

    private static final String[] TOOLS = {
        "developer__shell", "developer__text_editor", "developer__list_windows", "computercontroller__web_search",
        "memory__retrieve_memories", "developer__analyze"};

    private final long seed;
    private final Vocabulary vocabulary;
    private final double toolTurnShare;
    private final double largeOutputShare;

    /** Defaults: a quarter of assistant turns call a tool; 2% of tool outputs are 50 KB. */
    public ConversationGenerator(long seed) {
        this(seed, 0.25, 0.02);
    }

    public ConversationGenerator(long seed, double toolTurnShare, double largeOutputShare) {
        this.seed = seed;
        this.vocabulary = new Vocabulary(seed);
        this.toolTurnShare = toolTurnShare;
        this.largeOutputShare = largeOutputShare;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** The first {@code count} messages of conversation {@code index}. */
    public List<NewMessage> conversation(long index, int count) {
        return conversation(index, 0, count);
    }

    /**
     * Messages {@code from}..{@code from+count-1} (0-based) of conversation {@code index}, continuing its
     * turn structure. Message k is generated from its own random stream, so a slice equals the same
     * slice of the whole conversation.
     */
    public List<NewMessage> conversation(long index, int from, int count) {
        List<NewMessage> out = new ArrayList<>(count);
        for (int k = from; k < from + count; k++) {
            out.add(message(index, k));
        }
        return out;
    }

    /**
     * Message k of a conversation. Turn shape: even k is the user, odd k the assistant; an assistant
     * turn that calls a tool is followed by a user-role tool response (as Goose stores them).
     */
    public NewMessage message(long index, int k) {
        SplittableRandom r = streamFor(index, k);
        long created = EPOCH_SECONDS + (index % 100_000) * 3_600 + k * 20L;
        String messageId = "msg_" + Long.toHexString(r.nextLong() & 0xffff_ffff_ffffL);
        Role role = (k % 2 == 0) ? Role.USER : Role.ASSISTANT;
        ArrayNode content = CanonicalJson.MAPPER.createArrayNode();
        if (role == Role.USER && k > 0 && callsTool(index, k - 1)) {
            content.add(toolResponse(index, k - 1, r));
        } else if (role == Role.ASSISTANT && callsTool(index, k)) {
            content.add(text(vocabulary.prose(r, textLength(r) / 3 + 20)));
            content.add(toolRequest(index, k, r));
        } else {
            content.add(text(vocabulary.prose(r, textLength(r))));
        }
        return new NewMessage(messageId, role, created, CanonicalJson.write(content), true, true);
    }

    /** Whether assistant turn k calls a tool; decided by its own stream so the next message can know it. */
    private boolean callsTool(long index, int k) {
        return k % 2 == 1 && streamFor(index, -k - 1).nextDouble() < toolTurnShare;
    }

    /** Mostly 50–2,000 characters, skewed short (log-uniform), as chat turns are. */
    private static int textLength(SplittableRandom r) {
        return (int) Math.round(Math.exp(Math.log(50) + r.nextDouble() * (Math.log(2_000) - Math.log(50))));
    }

    private SplittableRandom streamFor(long index, long k) {
        return new SplittableRandom(mix(mix(seed ^ 0x9E3779B97F4A7C15L, index), k));
    }

    private static long mix(long a, long b) {
        long z = a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL + 0x632BE59BD9B4E5DFL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static ObjectNode text(String text) {
        ObjectNode item = CanonicalJson.MAPPER.createObjectNode();
        item.put("type", "text");
        item.put("text", text);
        return item;
    }

    private ObjectNode toolRequest(long index, int k, SplittableRandom r) {
        ObjectNode item = CanonicalJson.MAPPER.createObjectNode();
        item.put("type", "toolRequest");
        item.put("id", toolCallId(index, k));
        ObjectNode call = item.putObject("toolCall");
        call.put("status", "success");
        ObjectNode value = call.putObject("value");
        value.put("name", TOOLS[r.nextInt(TOOLS.length)]);
        ObjectNode args = value.putObject("arguments");
        args.put("command", vocabulary.command(r));
        return item;
    }

    private ObjectNode toolResponse(long index, int requestK, SplittableRandom r) {
        ObjectNode item = CanonicalJson.MAPPER.createObjectNode();
        item.put("type", "toolResponse");
        item.put("id", toolCallId(index, requestK));
        ObjectNode result = item.putObject("toolResult");
        result.put("status", "success");
        ArrayNode outputs = result.putObject("value").putArray("content");
        int length = r.nextDouble() < largeOutputShare ? LARGE_TOOL_OUTPUT_CHARS : 100 + r.nextInt(3_900);
        outputs.add(text(vocabulary.toolOutput(r, length)));
        return item;
    }

    private static String toolCallId(long index, int k) {
        return "call_" + Long.toHexString(index) + "_" + k;
    }
}
