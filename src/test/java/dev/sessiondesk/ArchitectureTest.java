package dev.sessiondesk;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameStartingWith;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.concurrent.Executors;

/** The layers of DESIGN.md: arrows point down only. */
@AnalyzeClasses(packages = "dev.sessiondesk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule modelStoreAndAppNeverUseJavaFx = noClasses()
            .that().resideInAnyPackage("dev.sessiondesk.model..", "dev.sessiondesk.store..", "dev.sessiondesk.app..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..");

    @ArchTest
    static final ArchRule uiNeverTouchesJdbc = noClasses()
            .that().resideInAPackage("dev.sessiondesk.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..");

    @ArchTest
    static final ArchRule onlyTheLauncherUsesUiOrCli = noClasses()
            .that().resideOutsideOfPackages("dev.sessiondesk.ui..", "dev.sessiondesk.cli..")
            .and().doNotHaveFullyQualifiedName("dev.sessiondesk.Launcher")
            .should().dependOnClassesThat().resideInAnyPackage("dev.sessiondesk.ui..", "dev.sessiondesk.cli..");

    @ArchTest
    static final ArchRule storeAndModelNeverUseApp = noClasses()
            .that().resideInAnyPackage("dev.sessiondesk.model..", "dev.sessiondesk.store..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.sessiondesk.app..", "dev.sessiondesk.ui..",
                    "dev.sessiondesk.cli..");

    @ArchTest
    static final ArchRule modelNeverUsesTheStore = noClasses()
            .that().resideInAPackage("dev.sessiondesk.model..")
            .should().dependOnClassesThat().resideInAPackage("dev.sessiondesk.store..");

    @ArchTest
    static final ArchRule noStackTracesOnTheConsole = noClasses()
            .should().callMethod(Throwable.class, "printStackTrace");

    /** Every package of the code base, not only app.*: no two of them may depend on each other, even through others. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.sessiondesk.(**)").should().beFreeOfCycles();

    /** SQL lives in the store; the Goose reader is the one exception, because it reads Goose's own database. */
    @ArchTest
    static final ArchRule onlyTheStoreAndTheGooseReaderUseJdbc = noClasses()
            .that().resideOutsideOfPackage("dev.sessiondesk.store..")
            .and().haveNameNotMatching(".*\\.GooseDbReader(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..");

    /** Workers (app.tasks) is the one place that makes threads, so every thread is named and logs what nothing caught. */
    @ArchTest
    static final ArchRule onlyWorkersCreatesThreads = noClasses()
            .that().resideOutsideOfPackage("dev.sessiondesk.app.tasks..")
            .should().callConstructorWhere(target(owner(assignableTo(Thread.class))))
            .orShould().callMethodWhere(target(owner(type(Executors.class))).and(target(nameStartingWith("new"))));
}
