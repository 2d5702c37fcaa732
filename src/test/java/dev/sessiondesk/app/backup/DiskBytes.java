package dev.sessiondesk.app.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Damages a database file the way a bad disk would: one byte, found by what it says. */
public final class DiskBytes {
    private DiskBytes() {
    }

    /**
     * Finds {@code needle} in the file (it must be there once at least) and changes the last byte of it
     * to a different letter, so the JSON stays valid but the content differs. Returns the offset.
     */
    public static long flipFirst(Path file, String needle) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + n.length <= bytes.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (bytes[i + j] != n[j]) {
                    continue outer;
                }
            }
            int at = i + n.length - 1;
            bytes[at] = (byte) (bytes[at] == 'l' ? 'L' : 'l');
            Files.write(file, bytes);
            return at;
        }
        throw new IllegalStateException("\"" + needle + "\" is not in " + file);
    }
}
