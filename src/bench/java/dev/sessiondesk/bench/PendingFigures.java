package dev.sessiondesk.bench;

import java.util.List;

/**
 * Figures of the issue whose subject is not in this build yet. They stay in the table, saying what
 * they wait for, until a {@link Benchmark} measures them; then move the row there. Every row of
 * issue 8 is measured now (the last four by {@link ColdStartBenchmark}, {@link ImportBenchmark},
 * {@link WindowHeapBenchmark} and {@link StreamingStallBenchmark}).
 */
final class PendingFigures {
    private PendingFigures() {
    }

    static List<Figure> rows() {
        return List.of();
    }
}
