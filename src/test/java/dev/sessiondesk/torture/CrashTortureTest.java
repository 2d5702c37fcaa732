package dev.sessiondesk.torture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM running the real services at random moments and checks, after every kill,
 * that nothing acknowledged was lost or mixed up (DESIGN.md P1, P3, P4, P5, P6, P9). 20 kills in
 * the default build ({@code -Dsessiondesk.torture.kills=N} for more); {@code mvn -Ptorture verify}
 * runs 1,000. After every 10th kill a restore races a writer ({@link RestoreRace};
 * {@code -Dsessiondesk.torture.restoreEvery=N}, 0 for none).
 * {@code -Dsessiondesk.torture.seed=N} replays a seed printed by a failure.
 */
class CrashTortureTest {

    @Test
    void nothingAcknowledgedIsLostAcrossRandomKills(@TempDir Path work) throws Exception {
        // 20 kills keep the default build near a minute on a busy 2-core machine (each kill restarts a JVM).
        int kills = Integer.getInteger("sessiondesk.torture.kills", 20);
        long seed = Long.getLong("sessiondesk.torture.seed", System.nanoTime());
        // A restore racing a writer after every 10th kill: 2 in the default build (a few seconds each).
        int restoreEvery = Integer.getInteger("sessiondesk.torture.restoreEvery", 10);
        CrashTorture.Summary summary;
        try {
            summary = new CrashTorture(work, seed)
                    .maxRunMs(Integer.getInteger("sessiondesk.torture.maxRunMs", 400))
                    .progressEvery(kills >= 100 ? 25 : 0)
                    .restoreEvery(restoreEvery)
                    .run(kills);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("crash torture failed with seed " + seed
                    + " (replay: -Dsessiondesk.torture.seed=" + seed + "): " + e.getMessage(), e);
        }
        System.out.println("crash torture: " + summary.line());
        System.out.println("crash torture: " + summary.details());
        assertThat(summary.verdict().problems).isEmpty();
        assertThat(summary.kills()).isEqualTo(kills);
        // The schedule must actually have exercised the store, or "0 lost" means nothing.
        assertThat(summary.operations()).isGreaterThan(kills);
        assertThat(summary.messages()).isGreaterThan(kills);
        if (restoreEvery > 0 && kills >= restoreEvery / 2) {
            assertThat(summary.raceRounds()).as(summary.restoreRaces()).isPositive();
        }
    }
}
