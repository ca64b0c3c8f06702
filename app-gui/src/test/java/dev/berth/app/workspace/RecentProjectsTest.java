package dev.berth.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentProjectsTest {

    @TempDir
    Path home;

    @Test
    void remembersTheWholeInvocationMostRecentFirstWithoutDuplicates() throws Exception {
        RecentProjects recent = new RecentProjects(home.resolve("berth/recent-projects.json"));
        ProjectInvocation shop = new ProjectInvocation(List.of(Path.of("/p/shop/compose.yaml"), Path.of("/p/shop/dev.yaml")),
                List.of(Path.of("/p/shop/.env.dev")), List.of("debug"), Path.of("/p/shop"), "shop");
        ProjectInvocation blog = ProjectInvocation.ofPath(Path.of("/p/blog/compose.yaml"));

        recent.remember(shop);
        recent.remember(blog);
        recent.remember(shop);

        assertThat(new RecentProjects(home.resolve("berth/recent-projects.json")).load()).containsExactly(shop, blog);
    }

    @Test
    void aDamagedFileGivesAnEmptyListInsteadOfAnError() throws Exception {
        Path file = home.resolve("recent.json");
        Files.writeString(file, "{ not json");

        assertThat(new RecentProjects(file).load()).isEmpty();
    }

    @Test
    void openingAFolderDiscoversItsComposeFileAndOverride() throws Exception {
        Files.writeString(home.resolve("compose.yaml"), "services: {}\n");
        Files.writeString(home.resolve("compose.override.yaml"), "services: {}\n");

        ProjectInvocation invocation = ProjectInvocation.ofPath(home);

        assertThat(invocation.files()).extracting(p -> p.getFileName().toString())
                .containsExactly("compose.yaml", "compose.override.yaml");
        assertThat(invocation.projectDirectory()).isEqualTo(home.toAbsolutePath().normalize());
        assertThat(invocation.toOptions(Map.of()).composeFiles()).hasSize(2);
    }
}
