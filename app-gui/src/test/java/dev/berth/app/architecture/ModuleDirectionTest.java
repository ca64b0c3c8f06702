package dev.berth.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module direction compose-model ← engine-core ← vm-bridge ← app-gui, checked on the compiled classes
 * (Maven enforces it too: a lower module cannot even see a higher one). Also keeps JavaFX out of the CLI.
 */
@AnalyzeClasses(packages = "dev.berth", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleDirectionTest {

    @ArchTest
    static final ArchRule composeModelIsPure = noClasses()
            .that().resideInAPackage("dev.berth.compose..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("dev.berth.engine..", "dev.berth.bridge..", "dev.berth.app..", "javafx..");

    @ArchTest
    static final ArchRule engineCoreKnowsOnlyTheModel = noClasses()
            .that().resideInAPackage("dev.berth.engine..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("dev.berth.bridge..", "dev.berth.app..", "javafx..");

    @ArchTest
    static final ArchRule vmBridgeDoesNotKnowTheApp = noClasses()
            .that().resideInAPackage("dev.berth.bridge..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("dev.berth.app..", "javafx..");

    @ArchTest
    static final ArchRule cliNeverLoadsJavaFx = noClasses()
            .that().resideInAPackage("dev.berth.app.cli..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("javafx..", "dev.berth.app.gui..");

    @ArchTest
    static final ArchRule resourceCatalogIsTestedWithoutADisplay = noClasses()
            .that().resideInAPackage("dev.berth.app.resources..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("javafx..", "dev.berth.app.gui..");
}
