package dev.berth.bridge.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether "Start Berth's engine" is offered: QEMU must be executable and the image there (the GUI asks first). */
class VmStartableTest {

    @TempDir
    Path dir;

    private VmManager manager(Path qemu, Path image) {
        QemuProvider provider = new QemuProvider(qemu, AcceleratorProbe.standard(), dir.resolve("state/vm/accelerator.properties"), 0);
        return new VmManager(dir.resolve("state"), image, dir.resolve("docker"), HostPlatform.current(), provider);
    }

    @Test
    void withoutQemuItSaysWhereItLookedAndHowToInstallIt() {
        Path missing = dir.resolve("no-such-qemu");
        assertThat(manager(missing, dir.resolve("image")).whyCannotStart()).hasValueSatisfying(why ->
                assertThat(why).contains(missing.toString()).contains("apt-get install qemu-system-x86"));
    }

    @Test
    void withQemuButNoImageItNamesTheImageFolderAndTheBuildCommand() throws Exception {
        Path qemu = Files.createFile(dir.resolve("qemu-system-x86_64"));
        qemu.toFile().setExecutable(true);
        assertThat(manager(qemu, dir.resolve("image")).whyCannotStart()).hasValueSatisfying(why ->
                assertThat(why).contains(dir.resolve("image").toString()).contains("berth vm build-image"));
    }

    @Test
    void withQemuAndAnImageManifestItCanStart() throws Exception {
        Path qemu = Files.createFile(dir.resolve("qemu-system-x86_64"));
        qemu.toFile().setExecutable(true);
        Path image = Files.createDirectories(dir.resolve("image"));
        Files.writeString(image.resolve("manifest.json"), "{\"format\": 1, \"artefacts\": []}");
        assertThat(manager(qemu, image).whyCannotStart()).isEmpty();
    }
}
