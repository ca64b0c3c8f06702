package dev.berth.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;

/**
 * The GUI's habits, checked on the compiled classes (JabRef's layering, issue 14): what talks to the engine
 * knows nothing of JavaFX, so it is tested without a display; view-models hold state, never nodes; every
 * dialog is built in {@code gui.controls}, where the confirmation service keeps Cancel the default.
 */
@AnalyzeClasses(packages = "dev.berth.app", importOptions = ImportOption.DoNotIncludeTests.class)
class GuiLayersTest {

    @ArchTest
    static final ArchRule engineLayerIsFreeOfJavaFx = noClasses()
            .that().resideInAnyPackage("dev.berth.app.workspace..", "dev.berth.app.gui.engine..", "dev.berth.app.gui.feed..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("the engine layer runs on background tasks and is tested without a display");

    @ArchTest
    static final ArchRule viewModelsHoldNoNodes = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
            .because("a view-model is tested without a display; its view builds the nodes");

    private static final DescribedPredicate<JavaClass> DIALOGS = DescribedPredicate.describe("are JavaFX dialogs",
            type -> type.isAssignableTo(Dialog.class) || type.isAssignableTo(DialogPane.class));

    /**
     * The editor's close question (Save / Discard / Cancel, three answers that {@code Confirmations}'
     * yes-or-no does not carry) in {@code EditorWindow} is the one known exception; nothing else may build
     * a dialog.
     */
    @ArchTest
    static final ArchRule dialogsOnlyInControls = noClasses()
            .that().resideOutsideOfPackage("dev.berth.app.gui.controls..")
            .and().doNotHaveFullyQualifiedName("dev.berth.app.gui.editor.EditorWindow")
            .should().dependOnClassesThat(DIALOGS)
            .because("destructive questions go through the shared Confirmations, whose default is Cancel");
}
