package dev.berth.app.gui.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditTargetTest {

    @TempDir
    Path dir;

    @Test
    void opensTheLabelledFilesWithTheProjectsNameAndWorkingDirectory() throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), "services: {}\n");
        Files.writeString(dir.resolve("compose.override.yaml"), "services: {}\n");

        EditTarget target = EditTarget.fromLabels("shop", List.of(dir.resolve("compose.yaml").toString(),
                dir.resolve("compose.override.yaml").toString()), dir.toString());

        assertThat(target).isInstanceOfSatisfying(EditTarget.Found.class, found -> {
            assertThat(found.invocation().files()).containsExactly(dir.resolve("compose.yaml"), dir.resolve("compose.override.yaml"));
            assertThat(found.invocation().projectDirectory()).isEqualTo(dir);
            assertThat(found.invocation().projectName()).isEqualTo("shop");
        });
    }

    @Test
    void resolvesRelativeNamesAgainstTheWorkingDirectoryAsComposeV1WroteThem() throws Exception {
        Files.writeString(dir.resolve("docker-compose.yml"), "services: {}\n");

        EditTarget target = EditTarget.fromLabels("old", List.of("docker-compose.yml"), dir.toString());

        assertThat(target).isInstanceOfSatisfying(EditTarget.Found.class,
                found -> assertThat(found.invocation().files()).containsExactly(dir.resolve("docker-compose.yml")));
    }

    @Test
    void saysWhichFilesAreMissingInsteadOfOpeningThem() throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), "services: {}\n");

        EditTarget target = EditTarget.fromLabels("shop", List.of(dir.resolve("compose.yaml").toString(),
                dir.resolve("gone.yaml").toString()), dir.toString());

        assertThat(target).isInstanceOfSatisfying(EditTarget.Unavailable.class, why -> assertThat(why.reason())
                .contains(dir.resolve("gone.yaml") + " is not readable on this machine").contains("File › Open"));
    }

    @Test
    void saysSoWhenTheEngineDoesNotKnowTheFiles() {
        EditTarget target = EditTarget.fromLabels("legacy", List.of(), "");

        assertThat(target).isInstanceOfSatisfying(EditTarget.Unavailable.class,
                why -> assertThat(why.reason()).contains("did not record its compose files").contains("config_files"));
    }
}
