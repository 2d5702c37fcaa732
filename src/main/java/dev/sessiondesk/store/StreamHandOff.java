package dev.sessiondesk.store;

import java.util.Optional;

/**
 * Before a message goes into a session whose reply another live process is streaming: ask that owner
 * to end it and wait briefly, so the owner saves everything it has printed (ending it from here would
 * keep only its last checkpoint, up to a checkpoint interval older). An owner that does not answer in
 * time is ended by the append as before.
 */
final class StreamHandOff {
    static final long WAIT_MS = 2_000;
    private static final long POLL_MS = 25;

    private StreamHandOff() {
    }

    static void letOwnerFinish(Store store, String sessionId) {
        if (store.isReadOnly()) {
            return;
        }
        long now = System.currentTimeMillis();
        Optional<StreamOwners.Owned> owned = store.reader().read("look for a reply streaming into session " + sessionId,
                c -> {
                    Optional<Long> row = StreamOwners.streamingRow(c, sessionId);
                    return row.isEmpty() ? Optional.<StreamOwners.Owned>empty() : StreamOwners.get(c, row.get());
                });
        if (owned.isEmpty() || owned.get().owner().isThisProcess() || !owned.get().isLive(now)) {
            return;
        }
        long row = owned.get().messageRow();
        store.writer().write("ask the process streaming into session " + sessionId + " to end its reply", c -> {
            StreamOwners.requestStop(c, row, System.currentTimeMillis());
            return null;
        });
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
        while (System.nanoTime() < deadline) {
            boolean still = store.reader().read("wait for the reply in session " + sessionId + " to end",
                    c -> StreamOwners.streamingRow(c, sessionId).filter(r -> r == row).isPresent());
            if (!still) {
                return;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
