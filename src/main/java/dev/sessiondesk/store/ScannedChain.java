package dev.sessiondesk.store;

import dev.sessiondesk.model.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One session's own chain as {@link StoreScan} reads its rows, on the one thread that scans its part.
 * A row arrives as SQLite stores it: the sequence number and flags, {@code created}, and the message
 * id, stored hash and content as their bytes (no text decoding). The canonical bytes are hashed as
 * pieces — constants around the stored content, never assembled — so a row costs its SHA-256, and
 * the digest is compared with the stored lower-case hex as bytes.
 */
final class ScannedChain {
    static final int ASSISTANT = 1;
    static final int USER_VISIBLE = 2;
    static final int AGENT_VISIBLE = 4;
    static final int STREAMING = 8;
    static final int UNKNOWN_ROLE = 16;
    /** The flags below this bit; the row's key is {@code seq * FLAG_SPAN + flags}. */
    static final int FLAG_SPAN = 32;

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT = "{\"content\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CREATED = ",\"created\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ID = ",\"id\":\"".getBytes(StandardCharsets.US_ASCII);
    /** The canonical bytes after the id, by flags: agentVisible 4, userVisible 2, assistant 1. */
    private static final byte[][] SUFFIX = new byte[8][];

    static {
        for (int f = 0; f < SUFFIX.length; f++) {
            SUFFIX[f] = (",\"metadata\":{\"agentVisible\":" + ((f & AGENT_VISIBLE) != 0) + ",\"userVisible\":"
                    + ((f & USER_VISIBLE) != 0) + "},\"role\":\"" + ((f & ASSISTANT) != 0 ? "assistant" : "user") + "\"}")
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** A session's record as the scan read it: {@code base} messages are its parent's (0: not a fork). */
    record SessionRow(String id, int count, String head, String parent, int base) {
    }

    /** A scanning thread's own digest and scratch space, reused for every row it hashes. */
    static final class Hasher {
        final MessageDigest sha = HashChain.sha256();
        final byte[] digest = new byte[32];
        final byte[] hex = new byte[64];
        final byte[] number = new byte[20];
    }

    final SessionRow s;
    private byte[] head;
    private int expectedSeq;
    private int checked;
    private Integer badSeq;
    private String problem;

    ScannedChain(SessionRow s, String startHead) {
        this.s = s;
        this.head = startHead == null ? null : HEX.parseHex(startHead);
        this.expectedSeq = s.base() + 1;
        this.checked = s.base();
        if (startHead == null) {
            fail(s.base(), "the parent session " + s.parent() + " has no finished message " + s.base()
                    + " to continue from");
        }
    }

    private void fail(int seq, String why) {
        if (problem == null) {
            badSeq = seq;
            problem = why;
        }
    }

    /**
     * Takes the next stored row ({@code key} is {@code seq * FLAG_SPAN + flags}) and returns the
     * canonical bytes it hashed.
     */
    long take(long key, long created, byte[] messageId, byte[] storedHex, byte[] content, Hasher h)
            throws DigestException {
        if (problem != null) {
            return 0;
        }
        long seqLong = Math.floorDiv(key, FLAG_SPAN);
        int flags = (int) Math.floorMod(key, FLAG_SPAN);
        int seq = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, seqLong));
        if (seqLong != expectedSeq) {
            fail(seqLong > expectedSeq ? expectedSeq : seq, seqLong > expectedSeq
                    ? "message " + expectedSeq + " is missing (the next stored one is " + seqLong + ")"
                    : "message " + seqLong + " is stored twice or out of order");
            return 0;
        }
        expectedSeq++;
        if ((flags & STREAMING) != 0) {
            if (seq != s.count() + 1) {
                fail(seq, "a streaming reply is not the last message");
            }
            return 0;
        }
        if ((flags & UNKNOWN_ROLE) != 0) {
            fail(seq, "the message's role is neither user nor assistant (changed or damaged)");
            return 0;
        }
        MessageDigest sha = h.sha;
        sha.update(head);
        sha.update(CONTENT);
        long n = CONTENT.length;
        if (content != null) {
            sha.update(content);
            n += content.length;
        }
        sha.update(CREATED);
        int digits = decimal(created, h.number);
        sha.update(h.number, h.number.length - digits, digits);
        n += CREATED.length + digits;
        if (messageId != null) {
            sha.update(ID);
            n += ID.length + jsonStringBody(messageId, sha);
        }
        byte[] suffix = SUFFIX[flags & 7];
        sha.update(suffix);
        n += suffix.length;
        sha.digest(h.digest, 0, h.digest.length);
        if (storedHex == null || !Arrays.equals(hex(h.digest, h.hex), storedHex)) {
            fail(seq, "content does not match its hash (changed, reordered or damaged)");
            return n;
        }
        head = h.digest.clone();
        checked++;
        return n;
    }

    ChainReport report() {
        String hex = head == null ? null : HEX.formatHex(head);
        if (problem != null) {
            return new ChainReport(s.id(), checked, false, badSeq, problem, hex);
        }
        if (checked != s.count() || !hex.equals(s.head())) {
            return new ChainReport(s.id(), checked, false, Math.min(checked, s.count()) + 1, "the session record says "
                    + s.count() + " messages ending in " + abbrev(s.head()) + ", the chain has " + checked
                    + " ending in " + abbrev(hex), hex);
        }
        return new ChainReport(s.id(), checked, true, null, null, hex);
    }

    /** {@code v} in decimal ASCII at the end of {@code out} (20 bytes hold any long); returns the digit count. */
    static int decimal(long v, byte[] out) {
        if (v == Long.MIN_VALUE) {
            byte[] min = Long.toString(v).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(min, 0, out, out.length - min.length, min.length);
            return min.length;
        }
        int i = out.length;
        long rest = Math.abs(v);
        do {
            out[--i] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest != 0);
        if (v < 0) {
            out[--i] = '-';
        }
        return out.length - i;
    }

    private static byte[] hex(byte[] digest, byte[] out) {
        for (int i = 0; i < digest.length; i++) {
            out[2 * i] = HEX_DIGITS[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX_DIGITS[digest[i] & 0xf];
        }
        return out;
    }

    /**
     * Hashes the message id as canonical JSON writes it, without the opening quote (the {@link #ID}
     * piece has it) but with the closing one, and returns its length: printable ASCII without quote or
     * backslash as it is, anything else through {@link CanonicalJson} (escapes and all), so the bytes
     * are those of {@link dev.sessiondesk.model.GooseMessages#canonicalBytesOfStored}.
     */
    private static int jsonStringBody(byte[] id, MessageDigest sha) {
        for (byte b : id) {
            if (b < 0x20 || b > 0x7e || b == '"' || b == '\\') {
                String json = CanonicalJson.write(com.fasterxml.jackson.databind.node.TextNode.valueOf(
                        new String(id, StandardCharsets.UTF_8)));
                byte[] quoted = json.substring(1).getBytes(StandardCharsets.UTF_8);
                sha.update(quoted);
                return quoted.length;
            }
        }
        sha.update(id);
        sha.update((byte) '"');
        return id.length + 1;
    }

    private static String abbrev(String hash) {
        return hash == null ? "nothing" : hash.substring(0, Math.min(12, hash.length()));
    }
}
