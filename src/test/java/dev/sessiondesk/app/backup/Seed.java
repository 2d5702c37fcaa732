package dev.sessiondesk.app.backup;

import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test data: sessions with real, hashed messages written through the store's writer. */
public final class Seed {
    private Seed() {
    }

    public static List<String> sessions(Store store, int sessions, int messagesEach, int textChars) {
        List<String> ids = new ArrayList<>();
        String filler = "x".repeat(Math.max(0, textChars));
        for (int s = 0; s < sessions; s++) {
            Session session = store.sessions().create(NewSession.titled("session " + s, null));
            List<NewMessage> batch = new ArrayList<>();
            for (int m = 0; m < messagesEach; m++) {
                batch.add(NewMessage.text(m % 2 == 0 ? Role.USER : Role.ASSISTANT,
                        "message " + m + " of session " + s + " " + filler));
            }
            if (!batch.isEmpty()) {
                store.messages().appendAll(session.id(), batch);
            }
            ids.add(session.id());
        }
        return ids;
    }

    /** Every session's (count, head) as the sessions table records it. */
    public static Map<String, Fingerprint> figures(Store store) {
        return new TreeMap<>(StoreFigures.of(store).sessions());
    }
}
