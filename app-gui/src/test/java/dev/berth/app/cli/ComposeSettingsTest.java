package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker compose v2 takes the CLI's COMPOSE_* settings from .env too (cmd/compose/compose.go setEnvWithDotEnv). */
class ComposeSettingsTest {

    @TempDir
    Path dir;

    @Test
    void takesComposeSettingsFromTheDotEnvOfTheFirstFilesDirectoryUnlessTheShellSetsThem() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve(".env"), "COMPOSE_PROGRESS=plain\nCOMPOSE_REMOVE_ORPHANS=true\nCOMPOSE_PROFILES=dev\nOTHER=x\n");
        Files.writeString(dir.resolve(".env"), "COMPOSE_PROGRESS=quiet\n");
        ProjectOptionsMixin global = new ProjectOptionsMixin();
        global.files.add(Path.of("project/compose.yaml"));

        Map<String, String> env = ComposeSettings.withDotEnv(Map.of("COMPOSE_PROFILES", "shell"), global, null, dir);

        assertThat(env).containsEntry("COMPOSE_PROGRESS", "plain").containsEntry("COMPOSE_PROFILES", "shell")
                .doesNotContainKey("OTHER");
        assertThat(ComposeSettings.flag(env, "COMPOSE_REMOVE_ORPHANS")).isTrue();
    }

    @Test
    void anEnvFileOptionReplacesTheDotEnv() throws IOException {
        Files.writeString(dir.resolve(".env"), "COMPOSE_PROGRESS=quiet\n");
        Files.writeString(dir.resolve("ci.env"), "COMPOSE_PROGRESS=json\n");
        ProjectOptionsMixin global = new ProjectOptionsMixin();
        global.envFiles.add(Path.of("ci.env"));

        assertThat(ComposeSettings.withDotEnv(Map.of(), global, null, dir)).containsEntry("COMPOSE_PROGRESS", "json");
        assertThat(ComposeSettings.withDotEnv(Map.of(), null, null, dir)).containsEntry("COMPOSE_PROGRESS", "quiet");
    }
}
