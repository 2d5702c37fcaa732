package dev.sessiondesk.app.assistant;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The assistant, title and search services are app layer: no JavaFX, no UI, no CLI, no cycles. */
class AssistantLayerTest {
    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sessiondesk.app");

    @Test
    void replyTitleAndSearchServicesStayOutOfTheUi() {
        noClasses().that().resideInAnyPackage("..app.assistant..", "..app.title..", "..app.search..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.sessiondesk.ui..", "dev.sessiondesk.cli..")
                .check(APP);
    }

    @Test
    void appPackagesAreFreeOfCycles() {
        slices().matching("dev.sessiondesk.app.(*)..").should().beFreeOfCycles().check(APP);
    }
}
