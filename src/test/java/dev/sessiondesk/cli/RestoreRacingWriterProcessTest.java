package dev.sessiondesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.backup.BackupService;
import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 items 1 and 2, with real processes: a writer ({@code add --jsonl -}) that acknowledged
 * messages must never go on acknowledging into a store that was swapped or whose log was removed —
 * those messages would be in neither the live store nor the safety backup.
 */
class RestoreRacingWriterProcessTest {
    @TempDir
    Path tmp;
    Path data;
    String id;
    Path backup;

    @BeforeEach
    void seed() throws Exception {
        data = tmp.resolve("data");
        try (Store store = Store.open(data)) {
            id = store.sessions().create(NewSession.blank()).id();
        }
        backup = new BackupService(data).backup("before the writer", Progress.NONE).file();
    }

    @Test
    void restoreIsRefusedWhileAnotherProcessWritesAndTheWriterLosesNothing() throws Exception {
        try (CliChild writer = CliChild.start(tmp.resolve("logs"), "--data-dir", data.toString(), "add", id, "--jsonl", "-")) {
            sendAndAck(writer, 1, 5);
            try (CliChild restore = CliChild.start(tmp.resolve("logs"), "--data-dir", data.toString(), "restore",
                    backup.toString())) {
                int code = restore.finish();
                String err = restore.stderr();
                assertThat(code).as("restore must refuse: %s", err).isNotZero();
                assertThat(err).contains("another SessionDesk process is writing").contains("not changed");
            }
            sendAndAck(writer, 6, 10);
            assertThat(writer.finish()).isZero();
        }
        try (Store store = Store.openReadOnly(data.resolve(Store.FILE_NAME))) {
            assertThat(store.messages().list(id)).hasSize(10);
            assertThat(store.verifier().verifySession(id).ok()).isTrue();
        }
    }

    @Test
    void aWriterWhoseStoreIsSwappedBehindItsBackStopsWithAClearErrorInsteadOfAcknowledging() throws Exception {
        try (CliChild writer = CliChild.start(tmp.resolve("logs"), "--data-dir", data.toString(), "add", id, "--jsonl", "-")) {
            sendAndAck(writer, 1, 5);
            // What a program that ignores the claim does: a copy renamed over the store, the old log removed.
            Path incoming = data.resolve("incoming.db");
            Files.copy(backup, incoming);
            Files.move(incoming, data.resolve(Store.FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            writer.in.println(line(6));
            assertThat(writer.out.readLine()).as("no acknowledgement after the swap").isNull();
            assertThat(writer.finish()).isNotZero();
            assertThat(writer.stderr()).contains("was replaced").contains("stops saving");
        }
    }

    @Test
    void aWriterWhoseWriteAheadLogIsDeletedStopsWithAClearError() throws Exception {
        try (CliChild writer = CliChild.start(tmp.resolve("logs"), "--data-dir", data.toString(), "add", id, "--jsonl", "-")) {
            sendAndAck(writer, 1, 5);
            Files.delete(data.resolve(Store.FILE_NAME + "-wal"));
            writer.in.println(line(6));
            assertThat(writer.out.readLine()).as("no acknowledgement after the log was deleted").isNull();
            assertThat(writer.finish()).isNotZero();
            assertThat(writer.stderr()).contains("write-ahead log").contains("was deleted");
        }
    }

    private static void sendAndAck(CliChild writer, int from, int to) throws Exception {
        for (int i = from; i <= to; i++) {
            writer.in.println(line(i));
            assertThat(writer.out.readLine()).matches(i + " [0-9a-f]{64}");
        }
    }

    private static String line(int i) {
        return "{\"role\":\"user\",\"created\":1704110400,\"content\":[{\"type\":\"text\",\"text\":\"line " + i + "\"}]}";
    }
}
