package dev.sessiondesk.bench;

import java.util.List;

/**
 * Figures of the issue whose subject is not in this build yet. They stay in the table, saying what
 * they wait for, until a {@link Benchmark} measures them; then move the row there.
 */
final class PendingFigures {
    private PendingFigures() {
    }

    static List<Figure> rows() {
        return List.of(
                Figure.notMeasuredYet("import of 8,000 Goose JSONL sessions", Target.informational("≤ 30 s, heap bounded"),
                        "the Goose JSONL importer"),
                Figure.notMeasuredYet("cold start to the first window painted, large store, 5 windows to restore",
                        Target.informational("≤ 3 s on 2 cores"), "the JavaFX windows and window restore"),
                Figure.notMeasuredYet("heap with 10 windows open on 10,000-message sessions",
                        Target.informational("≤ 300 MB"), "the JavaFX session window"),
                Figure.notMeasuredYet("longest FX-thread stall while 3 windows stream",
                        Target.informational("≤ 50 ms"), "the JavaFX windows and streaming replies from an assistant"));
    }
}
