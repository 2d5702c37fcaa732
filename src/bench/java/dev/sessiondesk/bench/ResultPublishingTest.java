package dev.sessiondesk.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README table and the chart are generated from a run's figures, never typed. */
class ResultPublishingTest {
    private static final Target AT_MOST_1_5 = Target.ratioAtMost(1.5, "raw");

    private static String readme(String table) {
        return "# Title\n\nintro\n\n" + ReadmeTable.START + "\n" + table + ReadmeTable.END + "\n\nafter\n";
    }

    @Test
    void aRunReplacesItsOwnRowsKeepsTheOthersAndLeavesTheRestOfTheReadme() {
        String old = ReadmeTable.HEADER
                + "| append p99 | 40 ms | raw 30 ms | 1.33× | ≤ 1.5× raw | yes | 2026-11-21 full |\n"
                + "| cold start | 5.9 s | JVM 37 ms | 161× | ≤ 3 s | **NO** | 2026-11-21 full |\n";
        List<Figure> run = List.of(Figure.measured("append p99", "60 ms", 60, "raw 30 ms", 2.0, AT_MOST_1_5, null),
                Figure.measured("verify | new", "300 MB/s", 300, "raw 500 MB/s", 0.6,
                        Target.ratioAtLeast(0.5, "raw"), null));

        String after = ReadmeTable.regenerate(readme(old), run, "2026-12-01 quick, load 7.1", "docs/bench/results.png");

        assertThat(after).startsWith("# Title\n\nintro\n\n").endsWith(ReadmeTable.END + "\n\nafter\n");
        assertThat(after).contains("| append p99 | 60 ms | raw 30 ms | 2× | ≤ 1.50× raw | **NO** | 2026-12-01 quick, load 7.1 |")
                .doesNotContain("| append p99 | 40 ms")
                .contains("| cold start | 5.9 s | JVM 37 ms | 161× | ≤ 3 s | **NO** | 2026-11-21 full |")
                .contains("| verify \\| new | 300 MB/s |")
                .contains("![Each row's figure and target divided by its same-run baseline](docs/bench/results.png)");
        assertThat(ReadmeTable.regenerate(after, run, "2026-12-01 quick, load 7.1", "docs/bench/results.png"))
                .as("regenerating from the same run changes nothing").isEqualTo(after);
    }

    @Test
    void aReadmeWithoutTheMarkersIsRefused() {
        assertThatThrownBy(() -> ReadmeTable.regenerate("# no table", List.of(), "run", "x.png"))
                .hasMessageContaining("bench-table:start");
    }

    @Test
    void theChartPlotsEachRowsFigureAndTargetOverItsBaseline(@TempDir Path tmp) throws Exception {
        List<Figure> figures = List.of(
                Figure.measured("append p99", "60 ms", 60, "raw 30 ms", 2.0, AT_MOST_1_5, null),
                Figure.measured("open a session", "20 ms", 20, "100-message session 10 ms", 2.0, Target.millisAtMost(150), null),
                Figure.measured("context only", "5 ms", 5, "x", 3.0, Target.informational("context"), null),
                Figure.failed("broken", AT_MOST_1_5, "boom"));
        var data = ResultChart.dataset(figures);
        assertThat(data.getColumnCount()).isEqualTo(3);
        assertThat(data.getValue(ResultChart.MEASURED, data.getColumnKey(0)).doubleValue()).isEqualTo(2.0);
        assertThat(data.getValue(ResultChart.TARGET, data.getColumnKey(0)).doubleValue()).isEqualTo(1.5);
        assertThat(data.getValue(ResultChart.TARGET, data.getColumnKey(1)).doubleValue())
                .as("150 ms over a 10 ms baseline").isEqualTo(15.0);
        assertThat(data.getValue(ResultChart.TARGET, data.getColumnKey(2))).isNull();

        Path png = tmp.resolve("results.png");
        ResultChart.write(figures, "test", png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1400);
        assertThat(image.getHeight()).isEqualTo(140 + 44 * 3);
    }
}
