package dev.sessiondesk.store;

import static dev.sessiondesk.store.StoreFixture.sql;
import static dev.sessiondesk.store.StoreFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.Role;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A verify scan reads a checked file through readers that stay memory-mapped; every other read goes
 * through readers that never map it (a read error in a map stops the process), and a store whose pages
 * were not checked is scanned without the map and still has its damage reported.
 */
class MappedReadersTest {
    @TempDir
    Path dir;

    @Test
    void scanReadersStayMappedAndOrdinaryReadersNeverMap() {
        try (Store store = Store.open(dir)) {
            String id = store.sessions().create(NewSession.blank()).id();
            store.messages().append(id, text(Role.USER, "hello"));
            assertThat(store.verifier().verifyChains(true).problems()).isEmpty();
            assertThat(store.reader().read("map size", MappedReadersTest::mapSize)).isZero();
            assertThat(store.reader().readMapped("map size", MappedReadersTest::mapSize))
                    .isEqualTo(StoreReader.MAPPED_BYTES);
            assertThat(store.reader().readMapped("map size again", MappedReadersTest::mapSize))
                    .isEqualTo(StoreReader.MAPPED_BYTES);
            assertThat(store.reader().read("map size after", MappedReadersTest::mapSize)).isZero();
        }
    }

    @Test
    void damageIsFoundWithAndWithoutTheMap() throws Exception {
        String id;
        try (Store store = Store.open(dir)) {
            id = store.sessions().create(NewSession.blank()).id();
            for (int i = 1; i <= 5; i++) {
                store.messages().append(id, text(i % 2 == 1 ? Role.USER : Role.ASSISTANT, "m" + i));
            }
            assertThat(store.verifier().verifyChains(true).problems()).isEmpty(); // leaves a mapped reader idle
            sql(dir, "UPDATE messages SET content_json = '[{\"text\":\"edited\",\"type\":\"text\"}]'"
                    + " WHERE session_id = '" + id + "' AND seq = 3");
            for (boolean mapped : new boolean[] {true, false}) {
                StoreReport report = store.verifier().verifyChains(mapped);
                assertThat(report.problems()).as("mapped " + mapped).singleElement().satisfies(r -> assertThat(r.firstBadSeq()).isEqualTo(3));
            }
        }
    }

    private static long mapSize(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA mmap_size")) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }
}
