package dev.berth.bridge.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmSettingsTest {

    @TempDir
    Path dir;

    @Test
    void savedSettingsComeBackAndMissingOnesAreTheDefaults() {
        Path file = dir.resolve("settings.properties");
        assertEquals(VmSettings.defaults(), VmSettings.load(file));
        new VmSettings(1, 2048, 10).save(file);
        assertEquals(new VmSettings(1, 2048, 10), VmSettings.load(file));
    }

    @Test
    void aBadValueNamesTheFileAndTheKey() throws IOException {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, "memory.mib=lots\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VmSettings.load(file));
        assertTrue(e.getMessage().contains("memory.mib") && e.getMessage().contains(file.toString()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new VmSettings(2, 256, 10));
    }

    @Test
    void aTamperedImageIsRefusedBeforeBoot() throws IOException {
        Files.writeString(dir.resolve("vmlinuz"), "kernel");
        Files.writeString(dir.resolve("initramfs.cpio"), "root");
        Files.writeString(dir.resolve("manifest.json"), """
                {"format": 1, "inputKey": "k", "kernelVersion": "6.1", "arch": "x86_64", "artefacts": [
                 {"name": "kernel", "file": "vmlinuz", "size": 6, "sha256": "%s"},
                 {"name": "initramfs", "file": "initramfs.cpio", "size": 4, "sha256": "%s"}]}
                """.formatted(VmImage.sha256(dir.resolve("vmlinuz")), VmImage.sha256(dir.resolve("initramfs.cpio"))));
        VmImage.load(dir).verify();
        Files.writeString(dir.resolve("initramfs.cpio"), "evil");
        VmException e = assertThrows(VmException.class, () -> VmImage.load(dir).verify());
        assertEquals("verify the image", e.step());
        assertTrue(e.getMessage().contains("initramfs.cpio has sha256"), e.getMessage());
    }
}
