package dev.sessiondesk.app.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RotationPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-21T18:00:00Z");

    private static BackupRecord at(Instant when) {
        return new BackupRecord(Path.of("/b/sessions-" + when.toEpochMilli() + ".db"), when, 1, 3, "t", "test",
                Map.of(), when);
    }

    @Test
    void keepsTheLastTenOfToday() {
        List<BackupRecord> all = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            all.add(at(NOW.minus(Duration.ofMinutes(i))));
        }
        List<BackupRecord> delete = new RotationPolicy(10, 7).toDelete(all, NOW);
        assertThat(delete).containsExactlyInAnyOrderElementsOf(all.subList(10, 15));
    }

    @Test
    void keepsTheNewestOfEachOfTheLastSevenDaysBeyondTheLastN() {
        List<BackupRecord> all = new ArrayList<>();
        // three a day for ten days, newest first
        for (int day = 0; day < 10; day++) {
            for (int h = 0; h < 3; h++) {
                all.add(at(NOW.minus(Duration.ofDays(day)).minus(Duration.ofHours(h))));
            }
        }
        List<BackupRecord> delete = new RotationPolicy(2, 7).toDelete(all, NOW);
        List<BackupRecord> kept = new ArrayList<>(all);
        kept.removeAll(delete);
        // the last 2 (today 18:00, 17:00) + newest of days -1..-6 (today's newest is already in)
        assertThat(kept).containsExactlyInAnyOrder(all.get(0), all.get(1), all.get(3), all.get(6), all.get(9),
                all.get(12), all.get(15), all.get(18));
    }

    @Test
    void neverDeletesTheOnlyBackupEvenWhenItIsOld() {
        BackupRecord old = at(NOW.minus(Duration.ofDays(400)));
        assertThat(new RotationPolicy(1, 0).toDelete(List.of(old), NOW)).isEmpty();
    }

    @Test
    void anOldBackupStaysWhenItIsAmongTheLastN() {
        BackupRecord old = at(NOW.minus(Duration.ofDays(30)));
        BackupRecord recent = at(NOW.minus(Duration.ofHours(1)));
        assertThat(new RotationPolicy(10, 7).toDelete(List.of(recent, old), NOW)).isEmpty();
        assertThat(new RotationPolicy(1, 7).toDelete(List.of(recent, old), NOW)).containsExactly(old);
    }

    @Test
    void refusesToKeepNothing() {
        assertThatThrownBy(() -> new RotationPolicy(0, 7)).isInstanceOf(IllegalArgumentException.class);
    }
}
