package dev.sessiondesk.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * A child JVM for the kill-during-migration test: runs the real migrations from the store's version
 * to {@link Schema#CURRENT} in one transaction, as {@link Store#open} does, then a slow test-only step
 * in the same transaction, and says so on stdout; the parent kills it there with SIGKILL.
 */
public final class SlowMigrationChild {
    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        try (Connection c = LegacyStores.raw(db)) {
            c.setAutoCommit(false);
            int from = Schema.version(c);
            Schema.migrate(c, from, Schema.CURRENT, "slow-test");
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE slow_step (n INTEGER)");
                for (int i = 0; i < 1000; i++) {
                    s.execute("INSERT INTO slow_step VALUES (" + i + ")");
                }
            }
            System.out.println("MIGRATING " + from + " -> " + Schema.CURRENT);
            System.out.flush();
            Thread.sleep(60_000); // killed here, before the commit
            c.commit();
        }
    }
}
