package dev.sessiondesk.store;

import dev.sessiondesk.model.Fingerprint;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/** Every session's message count and chain head: what a backup is compared by. */
public final class SessionFingerprints {
    private final Store store;

    public SessionFingerprints(Store store) {
        this.store = store;
    }

    /** Every session's fingerprint (the trash included), by id, read in one snapshot. */
    public Map<String, Fingerprint> all() {
        return store.reader().read("read every session's message count and head", c -> {
            Map<String, Fingerprint> out = new TreeMap<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, message_count, head_hash FROM sessions")) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Fingerprint(rs.getInt(2), rs.getString(3)));
                }
            }
            return out;
        });
    }
}
