package dev.sessiondesk.sync;

import dev.sessiondesk.app.sync.DeviceClock;
import dev.sessiondesk.app.sync.RemoteSync;
import dev.sessiondesk.app.sync.SyncSettings;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.store.Store;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A device in its own JVM for the kill torture: {@code write DATA URL SESSION TAG SEED} appends
 * messages to one session and syncs between appends, printing "acked TEXT" after each commit;
 * {@code pull DATA URL} syncs in a loop. The test SIGKILLs it at random moments.
 */
public final class SyncTortureChild {
    private SyncTortureChild() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[1]);
        String url = args[2];
        try (Store store = Store.open(data)) {
            RemoteSync sync = new RemoteSync(store, () -> Optional.of(SyncSettings.load(
                    Map.of(SyncSettings.ENV_URL, url), data.resolve("config"), data).orElseThrow()), DeviceClock.system());
            System.out.println("started");
            System.out.flush();
            if (args[0].equals("pull")) {
                while (true) {
                    sync.syncNow();
                }
            }
            String session = args[3];
            String tag = args[4];
            Random random = new Random(Long.parseLong(args[5]));
            long n = 0;
            while (true) {
                String text = tag + "-" + System.nanoTime() + "-" + (n++);
                store.messages().append(session, NewMessage.text(random.nextBoolean() ? Role.USER : Role.ASSISTANT, text));
                System.out.println("acked " + text);
                System.out.flush();
                if (random.nextInt(3) == 0) {
                    sync.syncNow();
                }
            }
        }
    }
}
