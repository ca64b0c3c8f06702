package dev.berth.app.gui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;

/** The Berth window: projects on the left, the selected project in the middle, engine state at the bottom. */
public final class BerthApplication extends Application {

    @Override
    public void start(Stage stage) {
        boolean dark = "dark".equalsIgnoreCase(System.getProperty("berth.theme", System.getenv().getOrDefault("BERTH_THEME", "light")));
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());

        ListView<String> projects = new ListView<>();
        projects.setPlaceholder(new Label("No projects yet"));
        VBox sidebar = new VBox(new Label("Projects"), projects);
        sidebar.setPadding(new Insets(8));
        sidebar.setSpacing(6);
        VBox.setVgrow(projects, Priority.ALWAYS);

        ImageView logo = new ImageView(AppIcons.windowIcons().getLast());
        logo.setFitWidth(96);
        logo.setPreserveRatio(true);
        Label title = new Label("Open a compose file to see its services");
        title.getStyleClass().add("title-3");
        VBox welcome = new VBox(16, logo, title);
        welcome.setAlignment(Pos.CENTER);

        SplitPane split = new SplitPane(sidebar, welcome);
        split.setDividerPositions(0.22);

        Label status = new Label("Engine: not connected");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox statusBar = new HBox(8, status, spacer, new Label("Berth"));
        statusBar.setPadding(new Insets(4, 8, 4, 8));

        Button open = new Button("Open…");
        BorderPane root = new BorderPane(split, new ToolBar(open), null, statusBar, null);

        stage.setTitle("Berth");
        stage.getIcons().setAll(AppIcons.windowIcons());
        stage.setScene(new Scene(root, 1200, 760));
        stage.show();
        Platform.runLater(root::requestFocus);
        if (Boolean.getBoolean("berth.training")) {
            // The launcher's AOT training run: the first frame is all it needs to see.
            PauseTransition settle = new PauseTransition(Duration.seconds(1.5));
            settle.setOnFinished(event -> Platform.exit());
            settle.play();
        }
    }
}
