package dev.sessiondesk.torture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreException;
import java.nio.file.Path;
import java.util.Random;

/**
 * The writer of a restore race: {@code RestoreRaceWriter DATA_DIR SESSION ACK_LOG SEED}. Like a user
 * running {@code add} again and again beside a restore, it opens the store (taking the writers' shared
 * claim, so it waits while a restore holds it), appends one to three messages to SESSION, acknowledges
 * each in ACK_LOG as a {@code msg} fact, closes the store and pauses, until it is killed. A store that
 * stays claimed past the wait is a {@code raceRefused} fact and another try; any other refusal (the
 * store replaced under it, say) is a {@code raceRefused} fact, one line on stderr and exit 3 — never
 * an acknowledgement into a replaced file.
 */
public final class RestoreRaceWriter {
    static final int REFUSED_EXIT = 3;

    private RestoreRaceWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        String session = args[1];
        Random random = new Random(Long.parseLong(args[3]));
        try (AckLog acks = new AckLog(Path.of(args[2]))) {
            Thread.sleep(random.nextInt(700)); // sometimes the restore is first, sometimes the writer
            while (true) {
                long op = acks.intent("raceAppend", session, null);
                try (Store store = Store.open(dataDir, Store.Options.defaults().withBusyTimeout(1_500))) {
                    int n = 1 + random.nextInt(3);
                    for (int i = 1; i <= n; i++) {
                        NewMessage m = TortureText.message(random, session, random.nextBoolean() ? Role.USER
                                : Role.ASSISTANT, "race");
                        AppendResult r = store.messages().append(session, m);
                        acks.ack(op, StoreOperations.messageFact(session, r, m), i == n);
                    }
                } catch (StoreException e) {
                    ObjectNode f = AckLog.fact("raceRefused");
                    f.put("kind", e.kind().name());
                    f.put("message", String.valueOf(e.getMessage()));
                    acks.ack(op, f, true);
                    if (e.kind() != StoreException.Kind.LOCKED) {
                        System.err.println("race writer stopped: " + e.getMessage());
                        System.exit(REFUSED_EXIT);
                    }
                }
                Thread.sleep(20 + random.nextInt(100));
            }
        }
    }
}
