package dev.berth.app.gui.projects;

import dev.berth.app.gui.feed.ProjectSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The projects sidebar: projects reported by the feed plus compose files the user opened, and which one is
 * selected. An opened file shows until the feed reports the project it defines.
 */
public final class ProjectsViewModel {

    private final ObservableList<ProjectSummary> projects = FXCollections.observableArrayList();
    private final ObjectProperty<ProjectSummary> selected = new SimpleObjectProperty<>(this, "selected");
    private final List<ProjectSummary> opened = new ArrayList<>();
    private List<ProjectSummary> reported = List.of();

    /** The feed's current list replaces the previous one; opened files it does not know yet stay. */
    public void setReported(List<ProjectSummary> fromFeed) {
        reported = List.copyOf(fromFeed);
        refresh();
    }

    /** The user opened a compose file or folder: listed by its folder name until the feed reports it. */
    public ProjectSummary open(Path composePath) {
        Path folder = composePath.toFile().isDirectory() ? composePath : composePath.toAbsolutePath().getParent();
        String name = folder == null || folder.getFileName() == null ? composePath.toString() : folder.getFileName().toString();
        ProjectSummary summary = new ProjectSummary(name, 0, 0, false, composePath.toString());
        opened.removeIf(p -> p.name().equals(name));
        opened.add(summary);
        refresh();
        selected.set(find(name));
        return summary;
    }

    private void refresh() {
        String selectedName = selected.get() == null ? null : selected.get().name();
        List<ProjectSummary> all = new ArrayList<>(reported);
        for (ProjectSummary p : opened) {
            if (reported.stream().noneMatch(r -> r.name().equals(p.name()))) {
                all.add(p);
            }
        }
        projects.setAll(all);
        ProjectSummary again = selectedName == null ? null : find(selectedName);
        selected.set(again != null ? again : projects.isEmpty() ? null : projects.getFirst());
    }

    private ProjectSummary find(String name) {
        return projects.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    public ObservableList<ProjectSummary> projects() {
        return projects;
    }

    public ObjectProperty<ProjectSummary> selectedProperty() {
        return selected;
    }
}
