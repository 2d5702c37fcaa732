package dev.sessiondesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 items 9, 10 and 18: out-of-range {@code created}, invalid UTF-8, lone surrogates,
 * duplicate keys and deep nesting are refused the same way through {@code add --json} and
 * {@code add --jsonl}, with a located, plain message that says what was saved before.
 */
class StrictInputTest {
    private static final String OK = "{\"role\":\"user\",\"created\":1704110400,\"content\":[{\"type\":\"text\",\"text\":\"fine\"}]}";
    @TempDir
    Path tmp;
    CliSession cli;

    @BeforeEach
    void setUp() {
        cli = new CliSession(tmp);
    }

    private CliSession.Run addJsonl(byte[] secondLine) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write((OK + "\n").getBytes(StandardCharsets.UTF_8));
        b.write(secondLine);
        b.write('\n');
        Path f = tmp.resolve("in-" + System.nanoTime() + ".jsonl");
        Files.write(f, b.toByteArray());
        return cli.run("add", cli.sessionId, "--jsonl", f.toString());
    }

    private CliSession.Run addJson(byte[] json) throws Exception {
        Path f = tmp.resolve("in-" + System.nanoTime() + ".json");
        Files.write(f, json);
        return cli.run("add", cli.sessionId, "--json", f.toString());
    }

    private static byte[] message(String textJson, String created) {
        return ("{\"role\":\"user\",\"created\":" + created + ",\"content\":[{\"type\":\"text\",\"text\":" + textJson
                + "}]}").getBytes(StandardCharsets.UTF_8);
    }

    private void assertRefusedOnBothPaths(byte[] bad, String... expected) throws Exception {
        int before = cli.messages().size();
        CliSession.Run lines = addJsonl(bad);
        assertThat(lines.exit()).as(lines.err()).isEqualTo(SessionDeskCommand.EXIT_ERROR);
        assertThat(lines.err()).contains("line 2").contains("the lines before it are saved").contains(expected)
                .doesNotContain("Exception").doesNotContain("unexpected error");
        assertThat(cli.messages()).hasSize(before + 1); // line 1 is saved, line 2 is not
        CliSession.Run one = addJson(bad);
        assertThat(one.exit()).as(one.err()).isEqualTo(SessionDeskCommand.EXIT_ERROR);
        assertThat(one.err()).contains(expected).contains("nothing was saved")
                .doesNotContain("Exception").doesNotContain("unexpected error");
        assertThat(cli.messages()).hasSize(before + 1);
    }

    @Test
    void invalidUtf8IsRefusedNotReplaced() throws Exception {
        byte[] bad = message("\"caf\u00e9\"", "1704110400");
        byte[] broken = new String(bad, StandardCharsets.UTF_8).replace("\u00e9", "#").getBytes(StandardCharsets.UTF_8);
        broken[indexOf(broken, (byte) '#')] = (byte) 0xE9; // Latin-1 é: not UTF-8
        assertRefusedOnBothPaths(broken, "not valid UTF-8");
    }

    @Test
    void aLoneSurrogateIsRefused() throws Exception {
        assertRefusedOnBothPaths(message("\"half \\ud800 a pair\"", "1704110400"), "$.content[0].text", "surrogate");
    }

    @Test
    void duplicateKeysAreRefused() throws Exception {
        byte[] dup = "{\"role\":\"user\",\"role\":\"assistant\",\"created\":1704110400,\"content\":[]}"
                .getBytes(StandardCharsets.UTF_8);
        assertRefusedOnBothPaths(dup, "duplicate", "role");
    }

    @Test
    void createdOutOfRangeIsRefused() throws Exception {
        assertRefusedOnBothPaths(message("\"x\"", "1e19"), "$.created", "out of range");
        assertRefusedOnBothPaths(message("\"x\"", "1e400"), "$.created", "out of range");
        assertRefusedOnBothPaths(message("\"x\"", "-5"), "$.created", "out of range");
        assertThat(cli.run("show", cli.sessionId).exit()).isZero();
    }

    @Test
    void deepNestingIsALocatedPlainError() throws Exception {
        String deep = "[".repeat(1500) + "]".repeat(1500);
        byte[] bad = ("{\"role\":\"user\",\"created\":1704110400,\"content\":[{\"type\":\"x\",\"v\":" + deep + "}]}")
                .getBytes(StandardCharsets.UTF_8);
        assertRefusedOnBothPaths(bad, "nested more than");
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException();
    }
}
