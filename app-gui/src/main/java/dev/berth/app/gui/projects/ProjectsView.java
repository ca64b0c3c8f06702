package dev.berth.app.gui.projects;

import atlantafx.base.theme.Styles;
import dev.berth.app.gui.feed.ProjectSummary;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/** The projects sidebar: name, running/total and health per project. */
public final class ProjectsView extends VBox {

    public ProjectsView(ProjectsViewModel model) {
        getStyleClass().add("sidebar");
        Label title = new Label("PROJECTS");
        title.getStyleClass().add("sidebar-title");
        ListView<ProjectSummary> list = new ListView<>(model.projects());
        list.setId("projects-list");
        list.getStyleClass().add(Styles.DENSE);
        Label placeholder = new Label("No projects yet.\nOpen a compose file (Ctrl+O).");
        placeholder.getStyleClass().add("pane-placeholder");
        placeholder.setWrapText(true);
        list.setPlaceholder(placeholder);
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(ProjectSummary project, boolean empty) {
                super.updateItem(project, empty);
                if (empty || project == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                Label name = new Label(project.name());
                name.getStyleClass().add("project-name");
                Circle dot = new Circle(4);
                dot.getStyleClass().addAll("project-dot", project.unhealthy() ? "project-dot-bad"
                        : project.allUp() ? "project-dot-good" : "project-dot-idle");
                name.setGraphic(dot);
                Label summary = new Label(project.total() == 0 ? "not started" : project.summary());
                summary.getStyleClass().add("project-summary");
                setGraphic(new VBox(2, name, summary));
                setText(null);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != null && list.getSelectionModel().getSelectedItem() != now) {
                list.getSelectionModel().select(now);
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(title, list);
        setSpacing(6);
        setPadding(new Insets(8));
    }
}
