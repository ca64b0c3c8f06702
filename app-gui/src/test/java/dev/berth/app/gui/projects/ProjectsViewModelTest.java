package dev.berth.app.gui.projects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.gui.feed.ProjectSummary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectsViewModelTest {

    private final ProjectsViewModel projects = new ProjectsViewModel();

    @Test
    void listsAnOpenedComposeFileByItsFolderAndSelectsIt() {
        projects.open(Path.of("/home/ann/shop/compose.yaml"));

        assertThat(projects.projects()).extracting(ProjectSummary::name).containsExactly("shop");
        assertThat(projects.selectedProperty().get().name()).isEqualTo("shop");
    }

    @Test
    void theFeedsReportReplacesAnOpenedEntryOfTheSameNameAndKeepsTheSelection() {
        projects.setReported(List.of(new ProjectSummary("blog", 1, 1, false, "engine")));
        projects.open(Path.of("/home/ann/shop/compose.yaml"));

        projects.setReported(List.of(new ProjectSummary("blog", 1, 1, false, "engine"), new ProjectSummary("shop", 3, 4, true, "engine")));

        assertThat(projects.projects()).extracting(ProjectSummary::name).containsExactly("blog", "shop");
        assertThat(projects.selectedProperty().get().running()).isEqualTo(3);
    }

    @Test
    void selectsTheFirstProjectWhenNothingWasSelected() {
        projects.setReported(List.of(new ProjectSummary("blog", 1, 1, false, "engine")));

        assertThat(projects.selectedProperty().get().name()).isEqualTo("blog");
        assertThat(projects.selectedProperty().get().summary()).isEqualTo("1/1 running");
    }
}
