package dev.sessiondesk.store.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The receive rule of the hybrid logical clock: after seeing another device's stamp, this device's
 * clock is at least that stamp, so its next edit (stamped by the triggers) is later than everything
 * it has seen even when its wall clock runs minutes behind.
 */
final class HlcReceive {
    private HlcReceive() {
    }

    static void observe(Connection c, String... stamps) throws SQLException {
        long l;
        long n;
        try (PreparedStatement ps = c.prepareStatement("SELECT l, c FROM sync_clock WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            l = rs.getLong(1);
            n = rs.getLong(2);
        }
        long l0 = l;
        long n0 = n;
        for (String s : stamps) {
            if (s == null || s.length() < 20) {
                continue;
            }
            long wall;
            long count;
            try {
                wall = Long.parseLong(s.substring(0, 13));
                count = Long.parseLong(s.substring(14, 20));
            } catch (NumberFormatException e) {
                continue; // not a stamp this version writes; it cannot move the clock
            }
            if (wall > l) {
                l = wall;
                n = count;
            } else if (wall == l) {
                n = Math.max(n, count);
            }
        }
        if (l != l0 || n != n0) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sync_clock SET l = ?, c = ? WHERE id = 1")) {
                ps.setLong(1, l);
                ps.setLong(2, n);
                ps.executeUpdate();
            }
        }
    }
}
