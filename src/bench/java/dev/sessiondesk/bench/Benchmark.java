package dev.sessiondesk.bench;

import java.util.List;

/**
 * One group of figures measured together (they share a store or a baseline). To add a figure for a
 * new capability: implement this, list its rows in {@link #plannedRows()} (so a failure still shows
 * them), and register it in {@link Main#benchmarks}; a row that cannot run yet goes in
 * {@link PendingFigures} until its capability lands.
 */
public interface Benchmark {

    /** A short name for progress output. */
    String name();

    /** The rows this benchmark produces, with their targets: shown as failed if {@link #run} throws. */
    List<PlannedRow> plannedRows();

    List<Figure> run(BenchContext ctx) throws Exception;

    record PlannedRow(String name, Target target) {
    }
}
