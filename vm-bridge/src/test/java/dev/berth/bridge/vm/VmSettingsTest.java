package dev.berth.bridge.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void sharesDefaultToTheHomeAndComeBackFromTheFile() throws IOException {
        Path file = dir.resolve("settings.properties");
        assertEquals(List.of(Path.of(System.getProperty("user.home")).toAbsolutePath()), VmSettings.load(file).shares());
        VmSettings.defaults().withShares(List.of(Path.of("/srv/code"), Path.of("/opt/data dir"))).withFileSharing(FileSharing.NINE_P).save(file);
        VmSettings loaded = VmSettings.load(file);
        assertEquals(List.of(Path.of("/srv/code"), Path.of("/opt/data dir")), loaded.shares());
        assertEquals(FileSharing.NINE_P, loaded.fileSharing());
        Files.writeString(file, "shares=relative/dir\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VmSettings.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("absolute"), e.getMessage());
        Files.writeString(file, "file.sharing=nfs\n");
        assertThrows(IllegalArgumentException.class, () -> VmSettings.load(file));
    }

    @Test
    void theConfigArchiveCarriesTheSharesAndKeepsItsCertificates() throws IOException {
        Path tar = dir.resolve("config.tar");
        new ConfigArchive().add("etc/berth/tls/ca.pem", "CA", 0644).write(tar);
        ConfigArchive.read(tar).withShares(List.of(new VmShare("share0", Path.of("/home/dev")), new VmShare("share1", Path.of("/srv/a b"))),
                FileSharing.VIRTIOFS).write(tar);
        ConfigArchive again = ConfigArchive.read(tar);
        assertEquals("CA", again.content("etc/berth/tls/ca.pem"));
        assertEquals("share0 virtiofs /home/dev\nshare1 virtiofs /srv/a b\n", again.content("etc/berth/shares"));
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
