package dev.sessiondesk.torture;

import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small helpers the fault tests share: a store with known content, file fingerprints. */
final class TortureFiles {
    private TortureFiles() {
    }

    /** A session with {@code count} acknowledged messages, returned as seq → canonical bytes. */
    record Seeded(String sessionId, Map<Integer, String> canonical) {
        void assertIntact(Store store) {
            List<Message> stored = store.messages().list(sessionId);
            for (var e : canonical.entrySet()) {
                Message m = stored.get(e.getKey() - 1);
                if (m.seq() != e.getKey() || !TortureText.canonical(m.body()).equals(e.getValue())) {
                    throw new AssertionError("message " + e.getKey() + " of session " + sessionId + " changed: "
                            + TortureText.canonical(m.body()) + " instead of " + e.getValue());
                }
            }
        }
    }

    static Seeded seed(Store store, int count, long seed) {
        Random r = new Random(seed);
        String id = store.sessions().create(NewSession.titled("seeded", null)).id();
        Map<Integer, String> canonical = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            NewMessage m = TortureText.message(r, id, i % 2 == 0 ? Role.USER : Role.ASSISTANT, "seeded " + i);
            AppendResult a = store.messages().append(id, m);
            canonical.put(a.seq(), TortureText.canonical(m));
        }
        return new Seeded(id, canonical);
    }

    /** SHA-256 of the store file and its -wal, so a test can tell "not changed" byte for byte. */
    static List<String> fingerprint(Path dataDir) throws IOException {
        List<String> out = new ArrayList<>();
        for (String suffix : new String[] {"", "-wal"}) {
            Path f = dataDir.resolve(Store.FILE_NAME + suffix);
            // SQLite may create an empty -wal beside a store it only reads: empty and absent are the same content.
            out.add(suffix + "=" + (Files.exists(f) && Files.size(f) > 0 ? sha256(Files.readAllBytes(f)) : "empty"));
        }
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String bigText(Random r, int chars) {
        StringBuilder sb = new StringBuilder(chars);
        while (sb.length() < chars) {
            sb.append(Long.toString(r.nextLong(), 36)).append(' ');
        }
        return sb.toString();
    }

    /** Runs a command, returning its exit code (output discarded into the test log). */
    static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
