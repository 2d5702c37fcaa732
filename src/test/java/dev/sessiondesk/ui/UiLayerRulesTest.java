package dev.sessiondesk.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.sessiondesk.app.SessionDesk;
import org.junit.jupiter.api.Test;

/** The layering the multi-window client relies on: windows never touch JDBC, services never touch JavaFX. */
class UiLayerRulesTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sessiondesk");

    @Test
    void theUiNeverUsesJdbc() {
        noClasses().that().resideInAPackage("dev.sessiondesk.ui..")
                .should().dependOnClassesThat().resideInAPackage("java.sql..")
                .check(MAIN);
    }

    @Test
    void appStoreAndModelNeverUseJavaFx() {
        noClasses().that().resideInAnyPackage("dev.sessiondesk.app..", "dev.sessiondesk.store..", "dev.sessiondesk.model..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(MAIN);
    }

    @Test
    void onlyTheLauncherReachesIntoTheUi() {
        noClasses().that().resideOutsideOfPackage("dev.sessiondesk.ui..")
                .and().doNotHaveFullyQualifiedName("dev.sessiondesk.Launcher")
                .should().dependOnClassesThat().resideInAPackage("dev.sessiondesk.ui..")
                .check(MAIN);
    }

    @Test
    void theUiReachesTheStoreOnlyThroughServices() {
        noClasses().that().resideInAPackage("dev.sessiondesk.ui..")
                .should().callMethod(SessionDesk.class, "store")
                .check(MAIN);
    }

    @Test
    void theUiPackagesHaveNoCycles() {
        JavaClasses ui = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.sessiondesk.ui");
        slices().matching("dev.sessiondesk.(**)").should().beFreeOfCycles().check(ui);
    }
}
