package dev.sessiondesk.app.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.store.LegacyStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18 item 21: old upgrade folders are cleaned up, but only once something newer is proven good. */
class UpgradeFoldersTest {
    @TempDir
    Path data;

    private List<Path> fivePreUpgrades() throws Exception {
        List<LegacyStores.Made> made = LegacyStores.create(data, 1, 2, 2);
        LegacyStores.window(data, "window-0", made.get(0).id(), made.get(0).fingerprint(), 0);
        List<Path> folders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Clock at = Clock.fixed(Instant.parse("2026-11-0" + (i + 1) + "T10:00:00Z"), ZoneOffset.UTC);
            folders.add(new PreUpgrade(data, RunningAppChannel.absent(), at).run(Progress.NONE).folder());
        }
        return folders;
    }

    private List<String> upgradeFolders() throws Exception {
        try (var files = Files.list(data)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(PreUpgrade.FOLDER_PREFIX)).sorted().toList();
        }
    }

    @Test
    void aGoodUpgradeCheckKeepsTheNewestThreeCompleteFoldersAndRemovesTheOlderOnes() throws Exception {
        List<Path> folders = fivePreUpgrades();
        // A pre-upgrade that crashed before its manifest: newest, but it does not count as one of the three.
        Path crashed = Files.createDirectory(data.resolve("upgrade-20261106T100000Z"));
        Path unrelated = Files.createDirectory(data.resolve("upgrade-notes"));
        try (SessionDesk desk = SessionDesk.open(data)) {
            assertThat(upgradeFolders()).hasSize(7);
            // The crashed one is newest and has no manifest: the newest manifest is checked.
            UpgradeCheck.Report report = new UpgradeCheck(desk.store(), Clock.systemUTC()).checkPending().orElseThrow();
            assertThat(report.ok()).isTrue();
        }
        assertThat(upgradeFolders()).containsExactly(folders.get(2).getFileName().toString(),
                folders.get(3).getFileName().toString(), folders.get(4).getFileName().toString(),
                crashed.getFileName().toString(), unrelated.getFileName().toString());
    }

    @Test
    void nothingIsRemovedWhileTheNewestUpgradeDoesNotCheckGood() throws Exception {
        List<Path> folders = fivePreUpgrades();
        try (SessionDesk desk = SessionDesk.open(data)) {
            desk.store().writer().write("simulate a bad upgrade", c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM windows WHERE window_id = 'window-0'");
                }
                return null;
            });
            UpgradeCheck.Report report = new UpgradeCheck(desk.store(), Clock.systemUTC()).checkPending().orElseThrow();
            assertThat(report.ok()).isFalse();
        }
        assertThat(upgradeFolders()).hasSize(5);
        assertThat(folders).allSatisfy(f -> assertThat(f).isDirectory());
    }
}
