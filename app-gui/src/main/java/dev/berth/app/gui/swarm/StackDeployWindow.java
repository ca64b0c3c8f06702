package dev.berth.app.gui.swarm;

import atlantafx.base.theme.Styles;
import dev.berth.app.gui.controls.Icons;
import dev.berth.app.gui.look.PseudoStates;
import dev.berth.app.gui.look.Theme;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/**
 * The "Deploy as stack…" window: the stack name (the project's by default), {@code --prune} and image pinning
 * on top; the plan preview in the editor's Up-preview look (the same {@code plan-*} style classes: an action
 * badge per service, the changed fields below it, the swarm-ignored keys as warnings with their positions);
 * the deploy's step lines and any error below. "Preview" re-plans after a change of name or options; "Deploy"
 * runs the plan off the FX thread. A plain {@link Stage}, not a Dialog: it stays open to show the progress.
 */
public final class StackDeployWindow {

    private final Stage stage;
    private final StackDeployViewModel model;
    private final VBox planRows = new VBox(6);
    private final Label summary = new Label();

    private StackDeployWindow(Stage stage, StackDeployViewModel model) {
        this.stage = stage;
        this.model = model;
    }

    /** Opens the window over {@code owner} and plans the first preview at once. */
    public static StackDeployWindow open(Window owner, StackDeployViewModel model) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        StackDeployWindow window = new StackDeployWindow(stage, model);
        window.show(owner);
        model.preview();
        return window;
    }

    private void show(Window owner) {
        TextField name = new TextField();
        name.setId("stack-name");
        name.textProperty().bindBidirectional(model.stackNameProperty());
        name.setPrefColumnCount(18);
        CheckBox prune = new CheckBox("Remove services gone from the files (--prune)");
        prune.setId("stack-prune");
        prune.selectedProperty().bindBidirectional(model.pruneProperty());
        CheckBox pin = new CheckBox("Pin images to their registry digest");
        pin.setId("stack-pin-images");
        pin.selectedProperty().bindBidirectional(model.pinImagesProperty());
        Button preview = new Button("Preview", Icons.icon(Feather.EYE));
        preview.setId("stack-preview");
        preview.disableProperty().bind(model.busyProperty());
        preview.setOnAction(event -> model.preview());
        name.setOnAction(event -> model.preview());
        prune.setOnAction(event -> model.preview());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(model.busyProperty());
        HBox options = new HBox(10, new Label("Stack name"), name, preview, spinner);
        options.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(8, options, prune, pin);

        planRows.setId("stack-plan");
        ScrollPane scroll = new ScrollPane(planRows);
        scroll.setFitToWidth(true);
        summary.setId("stack-plan-summary");
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.setWrapText(true);
        Label title = new Label("Preview of the stack deploy");
        title.getStyleClass().add(Styles.TITLE_4);
        VBox plan = new VBox(10, title, summary, scroll);
        plan.getStyleClass().add("plan-preview");
        VBox.setVgrow(scroll, Priority.ALWAYS);

        ListView<String> progress = new ListView<>(model.progress());
        progress.setId("stack-progress");
        progress.setPrefHeight(110);
        progress.setPlaceholder(new Label("Deploy runs the plan above; its steps are listed here."));
        Label error = new Label();
        error.setId("stack-error");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        error.managedProperty().bind(model.errorProperty().isNotEmpty());

        Button deploy = new Button("Deploy", Icons.icon(Feather.UPLOAD_CLOUD));
        deploy.setId("stack-deploy");
        deploy.getStyleClass().add(Styles.ACCENT);
        deploy.disableProperty().bind(Bindings.createBooleanBinding(() -> model.busyProperty().get()
                || model.previewProperty().get() == null || model.phaseProperty().get() == StackDeployViewModel.Phase.FAILED,
                model.busyProperty(), model.previewProperty(), model.phaseProperty()));
        deploy.setOnAction(event -> model.deploy());
        Button close = new Button("Close");
        close.setId("stack-close");
        close.setCancelButton(true);
        close.setOnAction(event -> stage.close());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, spacer, deploy, close);
        VBox bottom = new VBox(8, error, progress, buttons);

        BorderPane root = new BorderPane(plan, top, null, bottom, null);
        root.setPadding(new Insets(14));
        BorderPane.setMargin(plan, new Insets(12, 0, 12, 0));
        root.setId("stack-deploy-window");

        model.previewProperty().addListener((obs, old, now) -> showPlan(now));
        model.phaseProperty().addListener((obs, old, now) -> {
            if (now == StackDeployViewModel.Phase.PLANNING) {
                summary.setText("Planning…");
            } else if (now == StackDeployViewModel.Phase.DEPLOYED) {
                model.preview(); // what is left to do now: "nothing to change" after a clean deploy
            }
        });

        Scene scene = new Scene(root, 760, 600);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        Theme.attachEditor(plan); // the plan-* look of the editor's Up preview
        Theme.attach(scene);
        stage.setScene(scene);
        stage.setTitle("Deploy as stack");
        stage.show();
    }

    private void showPlan(StackPreview preview) {
        planRows.getChildren().clear();
        if (preview == null) {
            return;
        }
        summary.setText(preview.changesNothing() ? "Stack " + preview.stack() + " is up to date: the deploy changes nothing."
                : "Deploying stack " + preview.stack() + " makes these changes to the swarm:");
        for (StackPreview.Row row : preview.rows()) {
            Label action = new Label(row.action());
            action.getStyleClass().add("plan-action");
            new PseudoStates(action).set(row.action());
            action.setMinWidth(80);
            Label name = new Label(row.name());
            name.getStyleClass().add("plan-name");
            VBox text = new VBox(2, name);
            for (String detail : row.details()) {
                Label d = new Label(detail);
                d.getStyleClass().add("plan-detail");
                d.setWrapText(true);
                text.getChildren().add(d);
            }
            HBox line = new HBox(10, action, text);
            line.getStyleClass().add("plan-row");
            line.setId("stack-plan-row-" + row.name().replace(' ', '-'));
            planRows.getChildren().add(line);
        }
        for (String warning : preview.warnings()) {
            Label w = new Label(warning);
            w.getStyleClass().addAll(Styles.WARNING, "plan-warning");
            w.setWrapText(true);
            planRows.getChildren().add(w);
        }
    }

    public Stage stage() {
        return stage;
    }

    public StackDeployViewModel model() {
        return model;
    }
}
