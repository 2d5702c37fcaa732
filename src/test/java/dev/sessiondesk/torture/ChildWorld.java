package dev.sessiondesk.torture;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.WindowBinding;
import dev.sessiondesk.store.SessionQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the torture child knows between operations. It is rebuilt from the store at every start
 * (never from the ack log), exactly as the app would rebuild its windows after a crash.
 */
final class ChildWorld {
    static final List<String> WINDOWS = List.of("w1", "w2", "w3", "w4");
    /** New sessions stop here; forks may go on to {@link #MAX_FORKED_SESSIONS}, so forking never starves. */
    static final int MAX_SESSIONS = 8;
    static final int MAX_FORKED_SESSIONS = 16;

    final SessionDesk desk;
    final Random random;
    final AckLog acks;
    final List<String> live = new ArrayList<>();
    final List<String> trashed = new ArrayList<>();
    final Map<String, Long> draftNumbers = new HashMap<>();
    final Map<String, WindowBinding> windows = new HashMap<>();

    ChildWorld(SessionDesk desk, Random random, AckLog acks) {
        this.desk = desk;
        this.random = random;
        this.acks = acks;
        for (Session s : desk.sessions().list(SessionQuery.all())) {
            live.add(s.id());
        }
        for (Session s : desk.sessions().list(SessionQuery.trash())) {
            trashed.add(s.id());
        }
        live.sort(null);
        trashed.sort(null);
        for (String w : WINDOWS) {
            desk.store().drafts().get(w).ifPresent(d -> draftNumbers.put(w, TortureText.draftNumber(w, d.text())));
            desk.store().windows().get(w).ifPresent(b -> windows.put(w, b));
        }
    }

    String anyLive() {
        return live.get(random.nextInt(live.size()));
    }

    String anyWindow() {
        return WINDOWS.get(random.nextInt(WINDOWS.size()));
    }

    int sessionCount() {
        return live.size() + trashed.size();
    }
}
