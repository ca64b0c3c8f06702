package dev.berth.engine.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.engine.api.ContainersApi;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.model.ContainerConfig;
import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.engine.api.model.HostConfig;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code docker cp}'s rules on the real engine: folders and files both ways, missing paths, stopped containers. */
@RequiresEngine
class ContainerFilesIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 12);
    static EngineClient client;
    static ContainerFiles files;
    static String running;

    @TempDir
    Path host;

    @BeforeAll
    static void start() {
        client = EngineClient.connect(new EngineEndpoint.Unix(TestEngine.socket()));
        files = new ContainerFiles(client.containers());
        running = create("running");
        client.containers().start(running);
        client.exec().run(running, List.of("mkdir", "-p", "/tmp")); // the test image is FROM scratch: no /tmp
    }

    @AfterAll
    static void cleanUp() {
        try {
            client.containers().list(ContainersApi.ListOptions.allContainers().withFilters(Filters.none().label("berth.test=" + RUN)))
                    .forEach(c -> client.containers().remove(c.id(), true, true));
        } finally {
            client.close();
        }
    }

    static String create(String what) {
        return client.containers().create("berth-test-cp-" + what + "-" + RUN, ContainerCreateRequest.builder()
                .config(ContainerConfig.builder().image(TestEngine.BUSYBOX_IMAGE).cmd(List.of("sleep", "300"))
                        .labels(Map.of("berth.test", RUN)).build())
                .hostConfig(HostConfig.builder().build()).build()).id();
    }

    private String sh(String container, String script) {
        var result = client.exec().run(container, List.of("sh", "-c", script));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result.stdout();
    }

    private Path sampleFolder(String name) throws Exception {
        Path src = Files.createDirectories(host.resolve(name));
        Files.writeString(src.resolve("a.txt"), "alpha\n");
        Files.createDirectories(src.resolve("sub/deeper"));
        Files.writeString(src.resolve("sub/deeper/b.sh"), "#!/bin/sh\necho beta\n");
        Files.setPosixFilePermissions(src.resolve("sub/deeper/b.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(src.resolve("link"), Path.of("a.txt"));
        return src;
    }

    @Test
    void copiesAFolderInAndBackOutWithContentModesAndLinks() throws Exception {
        Path src = sampleFolder("project");

        ContainerFiles.CopyResult in = files.copyIn(src, running, "/tmp", false);

        assertThat(in.files()).isEqualTo(2);
        assertThat(sh(running, "cat /tmp/project/a.txt /tmp/project/sub/deeper/b.sh; readlink /tmp/project/link; "
                + "ls -ln /tmp/project/sub/deeper/b.sh")).startsWith("alpha\n#!/bin/sh\necho beta\na.txt\n-rwxr-x---")
                .containsPattern("-rwxr-x---\\s+1 0\\s+0 ");

        Path back = Files.createDirectories(host.resolve("back"));
        ContainerFiles.CopyResult out = files.copyOut(running, "/tmp/project", back, false);

        assertThat(out.files()).isEqualTo(2);
        assertThat(back.resolve("project/a.txt")).hasContent("alpha");
        assertThat(Files.readSymbolicLink(back.resolve("project/link"))).isEqualTo(Path.of("a.txt"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(back.resolve("project/sub/deeper/b.sh")))).isEqualTo("rwxr-x---");

        // Onto a missing path: the folder takes the new name; "/." copies the contents alone.
        files.copyOut(running, "/tmp/project", host.resolve("renamed"), false);
        assertThat(host.resolve("renamed/sub/deeper/b.sh")).exists();
        Path contents = Files.createDirectories(host.resolve("contents"));
        files.copyOut(running, "/tmp/project/.", contents, false);
        assertThat(contents.resolve("a.txt")).exists();
        assertThat(contents.resolve("project")).doesNotExist();
        files.copyIn(src.resolve("."), running, "/tmp/flat", false);
        assertThat(sh(running, "ls /tmp/flat")).isEqualTo("a.txt\nlink\nsub\n");
    }

    @Test
    void copiesAFileInAndOutUnderItsOwnOrANewName() throws Exception {
        Path file = Files.writeString(host.resolve("note.txt"), "one file\n");

        files.copyIn(file, running, "/etc", false);
        files.copyIn(file, running, "/tmp/renamed.txt", false);
        Files.writeString(file, "overwritten\n");
        files.copyIn(file, running, "/tmp/renamed.txt", false);

        assertThat(sh(running, "cat /etc/note.txt /tmp/renamed.txt")).isEqualTo("one file\noverwritten\n");
        files.copyOut(running, "/etc/hostname", host.resolve("hostname"), false);
        assertThat(Files.readString(host.resolve("hostname")).strip()).isEqualTo(sh(running, "hostname").strip());
        Path folder = Files.createDirectories(host.resolve("into"));
        files.copyOut(running, "tmp/renamed.txt", folder, false);
        assertThat(folder.resolve("renamed.txt")).hasContent("overwritten");
    }

    @Test
    void missingPathsAndFolderOntoFileFailWithAClearMessage() throws Exception {
        assertThatThrownBy(() -> files.copyOut(running, "/no/such/path", host.resolve("x"), false))
                .isInstanceOf(ContainerFilesException.class).hasMessage("Could not find /no/such/path in container " + running);
        Path file = Files.writeString(host.resolve("f.txt"), "x");
        assertThatThrownBy(() -> files.copyIn(file, running, "/no/such/f.txt", false))
                .isInstanceOf(ContainerFilesException.class)
                .hasMessage("The destination folder /no/such does not exist in container " + running);
        assertThatThrownBy(() -> files.copyIn(host.resolve("absent"), running, "/tmp", false))
                .isInstanceOf(ContainerFilesException.class).hasMessageContaining("Could not find").hasMessageContaining("on this machine");
        Path folder = sampleFolder("folder");
        assertThatThrownBy(() -> files.copyIn(folder, running, "/etc/hostname", false))
                .isInstanceOf(ContainerFilesException.class).hasMessageContaining("Cannot copy a folder onto the file /etc/hostname");
        assertThatThrownBy(() -> files.copyOut(running, "/etc", file, false))
                .isInstanceOf(ContainerFilesException.class).hasMessageContaining("Cannot copy a folder onto the file");
    }

    @Test
    void copiesIntoAndOutOfAStoppedContainerAsDockerDoes() throws Exception {
        String stopped = create("stopped");
        Path src = sampleFolder("offline");

        files.copyIn(src, stopped, "/", false);
        Path back = Files.createDirectories(host.resolve("back"));
        files.copyOut(stopped, "/offline", back, false);

        assertThat(back.resolve("offline/sub/deeper/b.sh")).hasContent("#!/bin/sh\necho beta");
        assertThat(client.containers().inspect(stopped).state().running()).isFalse();
    }

    @Test
    void listsTheDirectChildrenOfAFolderFoldersFirst() {
        ContainerFiles.Listing root = files.list(running, "/", 1000);
        assertThat(root.children()).extracting(ContainerFileEntry::path).contains("/bin", "/etc", "/.dockerenv");
        assertThat(root.children()).allMatch(e -> e.path().indexOf('/', 1) < 0);

        ContainerFiles.Listing etc = files.list(running, "/etc", 1000);
        assertThat(etc.children()).extracting(ContainerFileEntry::name).contains("hosts", "hostname");
        assertThat(etc.children().stream().filter(e -> e.name().equals("hosts")).findFirst().orElseThrow().type())
                .isEqualTo(ContainerFileEntry.Type.FILE);
        assertThat(files.list(running, "/etc", 1).truncated()).isTrue();
        assertThat(files.stat(running, "/bin/sh").symlink()).isTrue();
    }
}
