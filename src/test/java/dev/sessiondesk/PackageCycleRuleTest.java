package dev.sessiondesk;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.sessiondesk.planted.cycle.left.Left;
import dev.sessiondesk.planted.cycle.right.Right;
import org.junit.jupiter.api.Test;

/** The cycle rule of {@link ArchitectureTest} can fail: it catches a cycle planted in the test tree. */
class PackageCycleRuleTest {

    @Test
    void theCycleRuleCatchesTwoPackagesThatUseEachOther() {
        var planted = new ClassFileImporter().importClasses(Left.class, Right.class);
        assertThatThrownBy(() -> ArchitectureTest.noPackageCycles.check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("planted.cycle.left")
                .hasMessageContaining("planted.cycle.right");
    }
}
