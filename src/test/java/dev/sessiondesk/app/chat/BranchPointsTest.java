package dev.sessiondesk.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.ForkNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The branch switcher's alternatives, worked out from parent links alone. */
class BranchPointsTest {
    // O has 10 messages; A forked O after 5; B forked A after 7; C forked O after 5 (a sibling of A);
    // D is a duplicate of B after 8 (shares message 9's point with nobody); T forked O after 5 but is in the trash.
    static final List<ForkNode> FAMILY = List.of(
            new ForkNode("O", null, null, 1, false),
            new ForkNode("A", "O", 5, 2, false),
            new ForkNode("B", "A", 7, 3, false),
            new ForkNode("C", "O", 5, 4, false),
            new ForkNode("T", "O", 5, 5, true),
            new ForkNode("D", "B", 8, 6, false));
    final BranchPoints points = new BranchPoints(FAMILY);

    @Test
    void theTrunkIsTheTopmostSessionHoldingTheSamePrefix() {
        assertThat(points.trunk("B", 5)).isEqualTo("O");
        assertThat(points.trunk("B", 6)).isEqualTo("A");
        assertThat(points.trunk("B", 7)).isEqualTo("A");
        assertThat(points.trunk("B", 8)).isEqualTo("B");
        assertThat(points.trunk("D", 3)).isEqualTo("O");
    }

    @Test
    void alternativesAreTheTrunkAndItsForksAtThatPointOldestFirstWithoutTheTrash() {
        var fromO = points.at("O", 5).orElseThrow();
        assertThat(fromO.sessionIds()).containsExactly("O", "A", "C");
        assertThat(fromO.index()).isZero();
        var fromDeep = points.at("D", 5).orElseThrow();
        assertThat(fromDeep.sessionIds()).containsExactly("O", "A", "C");
        assertThat(fromDeep.shown()).as("D follows A at message 6").isEqualTo("A");
        assertThat(fromDeep.step(+1)).contains("C");
        assertThat(fromDeep.step(-1)).contains("O");
        assertThat(points.at("C", 5).orElseThrow().step(+1)).as("no wrap-around").isEmpty();
        var trashedShown = points.at("T", 5).orElseThrow();
        assertThat(trashedShown.sessionIds()).containsExactly("O", "A", "C", "T");
    }

    @Test
    void everyForkPointOfTheShownSessionIsKeyedByTheFirstDifferingMessage() {
        var ofB = points.all("B");
        assertThat(ofB.keySet()).containsExactlyInAnyOrder(6, 8, 9);
        assertThat(ofB.get(8).sessionIds()).containsExactly("A", "B");
        assertThat(ofB.get(9).sessionIds()).containsExactly("B", "D");
        assertThat(points.all("O").keySet()).as("A's and B's later forks are not O's").containsExactly(6);
        assertThat(points.at("O", 2)).isEmpty();
    }
}
