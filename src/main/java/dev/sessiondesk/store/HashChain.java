package dev.sessiondesk.store;

import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.GooseMessages;
import dev.sessiondesk.model.NewMessage;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The tamper-evident chain over a session's messages:
 * {@code hash(n) = SHA-256(hash(n-1) || canonical bytes of message n)}, with hash(0) = 32 zero bytes.
 * Hashes are stored as lower-case hex. A streaming message is not in the chain until it ends
 * (complete, stopped or interrupted); then it is hashed with whatever content it ended with.
 */
public final class HashChain {
    private static final HexFormat HEX = HexFormat.of();

    private HashChain() {
    }

    public static String genesis() {
        return Fingerprint.GENESIS;
    }

    public static String next(String previousHex, NewMessage message) {
        return next(previousHex, GooseMessages.canonicalBytes(message));
    }

    public static String next(String previousHex, byte[] canonicalMessage) {
        MessageDigest sha = sha256();
        sha.update(HEX.parseHex(previousHex));
        sha.update(canonicalMessage);
        return HEX.formatHex(sha.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
