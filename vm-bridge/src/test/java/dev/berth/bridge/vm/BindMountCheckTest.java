package dev.berth.bridge.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.ProjectOptions;
import dev.berth.compose.model.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BindMountCheckTest {

    @TempDir
    Path dir;

    private Project load(String yaml) throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), yaml);
        return ComposeLoader.load(ProjectOptions.ofFiles(dir.resolve("compose.yaml")).withProjectName("demo")).project().orElseThrow();
    }

    @Test
    void relativeBindsInsideAShareAreFineAndOneOutsideIsNamedWithTheSettingThatAddsAShare() throws IOException {
        Project project = load("""
                services:
                  web:
                    image: busybox
                    volumes:
                      - ./src:/app
                      - data:/data
                      - /var/run/docker.sock:/var/run/docker.sock
                      - type: tmpfs
                        target: /tmp
                  db:
                    image: busybox
                    volumes: ["/opt/berth-outside/db:/var/lib/db:ro"]
                volumes:
                  data: {}
                """);
        List<VmShare> shares = List.of(new VmShare("share0", dir));
        List<BindMountCheck.Outside> outside = BindMountCheck.outside(project, shares);
        assertEquals(List.of(new BindMountCheck.Outside("db", Path.of("/opt/berth-outside/db"), "/var/lib/db")), outside);
        String message = BindMountCheck.message(outside, shares, "default", Path.of("/state/vm/default/settings.properties"));
        assertTrue(message.contains("service db: the bind mount /opt/berth-outside/db:/var/lib/db is outside"), message);
        assertTrue(message.contains("berth vm settings --name default --share /opt/berth-outside/db"), message);
        assertTrue(message.contains("'shares' setting in /state/vm/default/settings.properties"), message);
        assertTrue(message.contains("(" + dir + ")"), "the message lists the shares: " + message);
    }

    @Test
    void aSiblingWithACommonPrefixIsNotInsideTheShare() throws IOException {
        Project project = load("""
                services:
                  web:
                    image: busybox
                    volumes: ["../%s-other:/x"]
                """.formatted(dir.getFileName()));
        List<VmShare> shares = List.of(new VmShare("share0", dir));
        assertEquals(1, BindMountCheck.outside(project, shares).size(), "/tmp/junit123-other is not inside /tmp/junit123");
        assertNull(BindMountCheck.message(BindMountCheck.outside(project, List.of(new VmShare("share0", dir.getParent()))), shares, "default",
                Path.of("/s")));
    }
}
