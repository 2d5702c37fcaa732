package dev.sessiondesk.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A prototype for the verify figure's explanation, not a replacement for {@code ChainVerifier}: it
 * recomputes a session's chain by assembling each message's canonical bytes from the stored columns
 * (the stored {@code content_json} is already canonical, so it is spliced in as-is instead of being
 * parsed into a tree and written back out, which is where {@code verify} spends its time). It compares
 * every recomputed hash with the stored one, so a speed figure from it is only reported when it
 * agrees with the store on every message.
 */
final class ConcatenatedChainCheck {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] CONTENT_KEY = "{\"content\":".getBytes(StandardCharsets.UTF_8);

    private ConcatenatedChainCheck() {
    }

    /** Returns the number of messages checked; throws if any hash differs from the stored one. */
    static int check(Store store, String sessionId) {
        return store.reader().read("bench: concatenated chain check", c -> {
            MessageDigest sha = sha256();
            byte[] head = new byte[32];
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT message_id, role, created, content_json,"
                    + " user_visible, agent_visible, hash, seq FROM messages WHERE session_id = ? AND state <> 'streaming'"
                    + " ORDER BY seq")) {
                ps.setString(1, sessionId);
                StringBuilder tail = new StringBuilder(256);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // The stored content is hashed as the UTF-8 bytes SQLite holds: no decoding, no re-encoding.
                        tail.setLength(0);
                        tail.append(",\"created\":").append(rs.getLong(3));
                        String id = rs.getString(1);
                        if (id != null) {
                            tail.append(",\"id\":").append(quote(id));
                        }
                        tail.append(",\"metadata\":{\"agentVisible\":").append(rs.getInt(6) != 0)
                                .append(",\"userVisible\":").append(rs.getInt(5) != 0)
                                .append("},\"role\":\"").append(rs.getString(2)).append("\"}");
                        sha.update(head);
                        sha.update(CONTENT_KEY);
                        sha.update(rs.getBytes(4));
                        sha.update(tail.toString().getBytes(StandardCharsets.UTF_8));
                        head = sha.digest();
                        if (!Arrays.equals(head, HEX.parseHex(rs.getString(7)))) {
                            throw new IllegalStateException("the concatenated canonical form disagrees with the store at"
                                    + " session " + sessionId + " message " + rs.getInt(8));
                        }
                        n++;
                    }
                }
            }
            return n;
        });
    }

    private static String quote(String s) {
        if (s.chars().allMatch(ch -> ch < 128 && (Character.isLetterOrDigit(ch) || ch == '_' || ch == '-'))) {
            return '"' + s + '"'; // nothing to escape (generated ids always take this path)
        }
        try {
            return CanonicalJson.MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot quote a string", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
