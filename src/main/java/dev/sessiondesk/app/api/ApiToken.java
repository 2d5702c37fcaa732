package dev.sessiondesk.app.api;

import dev.sessiondesk.store.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The API's secret: 256 random bits, made on first use and kept in {@code api-token} in the config
 * folder (0600, its folder 0700). Clients send it as goose's {@code X-Secret-Key} header or as
 * {@code Authorization: Bearer}. It is never logged; {@link #toString} does not show it.
 */
public final class ApiToken {
    public static final String FILE_NAME = "api-token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;
    private final Path file;

    private ApiToken(String value, Path file) {
        this.value = value;
        this.file = file;
    }

    /** Reads the token from {@code configDir}, creating it (privately) the first time. */
    public static synchronized ApiToken loadOrCreate(Path configDir) {
        Path file = configDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file, StandardCharsets.US_ASCII).strip();
                if (stored.length() >= 43) {
                    PrivateFiles.restrict(file);
                    return new ApiToken(stored, file);
                }
            }
            PrivateFiles.ensureDirectory(configDir);
            byte[] bits = new byte[32];
            RANDOM.nextBytes(bits);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
            PrivateFiles.writeAtomically(file, (token + "\n").getBytes(StandardCharsets.US_ASCII));
            return new ApiToken(token, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the API token " + file + ": " + e.getMessage(), e);
        }
    }

    /** The secret itself: for {@code sessiondesk api-token} and the pairing QR code only. */
    public String reveal() {
        return value;
    }

    public Path file() {
        return file;
    }

    /** Compares in constant time, so the answer's timing tells nothing about the token. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII),
                candidate.strip().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "ApiToken[" + file + "]";
    }
}
