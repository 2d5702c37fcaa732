package dev.sessiondesk.bench;

import java.util.List;
import java.util.Map;

/** Renders the results as Markdown: the run's context, the table, and the notes that explain it. */
final class ResultTable {
    private ResultTable() {
    }

    static String render(List<Figure> figures, Map<String, String> machine, Map<String, String> settings,
                         String command, String started, String loadBefore, String loadAfter, double minutes,
                         List<String> notes) {
        StringBuilder sb = new StringBuilder();
        sb.append("## Benchmark results\n\n");
        sb.append("Command: `").append(command).append("`  \n");
        sb.append("Run: ").append(started).append(", ").append(Format.number(minutes)).append(" min; load average (1/5/15 min)")
                .append(" before ").append(loadBefore).append(", after ").append(loadAfter).append("  \n");
        for (var e : machine.entrySet()) {
            sb.append(e.getKey()).append(": ").append(e.getValue()).append("  \n");
        }
        for (var e : settings.entrySet()) {
            sb.append(capitalised(e.getKey())).append(": ").append(e.getValue()).append("  \n");
        }
        sb.append("\nEvery figure is a median or percentile taken in the same run as its baseline, alternating"
                + " with it where possible, because the machine is shared and noisy: a load average above the core"
                + " count means other builds and tests were running on the same cores during the run.\n\n");
        sb.append("| figure | measured | baseline in same run | ratio | target | met? |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (Figure f : figures) {
            sb.append("| ").append(cell(f.name()))
                    .append(" | ").append(cell(f.measured()))
                    .append(" | ").append(cell(f.baseline()))
                    .append(" | ").append(f.ratio() == null ? "—" : Format.ratio(f.ratio()))
                    .append(" | ").append(cell(f.target().text()))
                    .append(" | ").append(f.metCell())
                    .append(" |\n");
        }
        if (!notes.isEmpty()) {
            sb.append("\nNotes:\n\n");
            for (String n : notes) {
                sb.append("- ").append(n).append('\n');
            }
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
