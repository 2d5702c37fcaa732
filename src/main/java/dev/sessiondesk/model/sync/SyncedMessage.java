package dev.sessiondesk.model.sync;

/**
 * One finished message as it travels: where it sits in its session's chain, the canonical text its
 * hash was computed from ({@code hash = SHA-256(prevHash || canonical)}), and which device wrote it.
 * {@code changeNo} is the server's change number (0 before the server assigned one).
 */
public record SyncedMessage(
        String sessionId,
        int seq,
        String canonical,
        String prevHash,
        String hash,
        String deviceId,
        long changeNo) {
}
