package dev.berth.bridge.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.bridge.vm.HostPlatform.Arch;
import dev.berth.bridge.vm.HostPlatform.Os;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vfkit's exact command line and the files its provider writes (golden), the kernel it boots, its REST and console status. */
class VfkitProviderTest {

    private static final HostPlatform APPLE_SILICON = new HostPlatform(Os.MACOS, Arch.AARCH64);
    private static final HostPlatform INTEL_MAC = new HostPlatform(Os.MACOS, Arch.X86_64);

    @TempDir
    Path tmp;

    static VfkitCommandLine.Launch launch(String profile, List<Path> shares, Path kernel) {
        VmLayout layout = VmLayout.of(Path.of("/Users/dev/.local/state/berth"), profile);
        VmSettings settings = new VmSettings(4, 2048, 32, shares, FileSharing.AUTO);
        return new VfkitCommandLine.Launch(Path.of("/opt/homebrew/bin/vfkit"), settings, kernel, Path.of("/Applications/Berth.app/vm-image/initramfs.cpio"),
                layout, settings.vmShares());
    }

    @Test
    void commandLinesMatchTheirGolden() throws IOException {
        VfkitCommandLine.Launch arm = launch("default", List.of(Path.of("/Users/dev"), Path.of("/Volumes/work space")),
                Path.of("/Users/dev/.local/state/berth/vm/default/kernel-Image"));
        Golden.assertMatches("vfkit/arm64-shares.txt", Golden.lines(VfkitCommandLine.build(arm)));
        VfkitCommandLine.Launch intel = launch("work", List.of(), Path.of("/Applications/Berth.app/vm-image/vmlinuz"));
        Golden.assertMatches("vfkit/x86_64-no-shares.txt", Golden.lines(VfkitCommandLine.build(intel)));
    }

    @Test
    void theEngineAndTheControlAreVsockPortsVfkitServesOnTheHost() {
        List<String> args = VfkitCommandLine.build(launch("default", List.of(), Path.of("/k")));
        assertThat(args).contains("virtio-vsock,port=2375,socketURL=/Users/dev/.local/state/berth/vm/default/docker.sock,connect",
                "virtio-vsock,port=2374,socketURL=/Users/dev/.local/state/berth/vm/default/control.sock,connect",
                "virtio-blk,path=/Users/dev/.local/state/berth/vm/default/data.img,deviceId=berth-data");
        assertThat(String.join(" ", args)).doesNotContain("2376").doesNotContain("tcp");
    }

    @Test
    void aPathVfkitWouldSplitIsRefusedWithAReason() {
        assertThatThrownBy(() -> VfkitCommandLine.build(launch("default", List.of(Path.of("/Users/dev/a,b")), Path.of("/k"))))
                .isInstanceOf(VmException.class)
                .hasMessageContaining("vfkit cannot take a path with a comma or a double quote: /Users/dev/a,b");
        VmLayout deep = VmLayout.of(Path.of("/Users/dev/" + "very-long-folder-name/".repeat(4)), "default");
        VfkitCommandLine.Launch launch = new VfkitCommandLine.Launch(Path.of("/opt/homebrew/bin/vfkit"), new VmSettings(2, 1024, 32), Path.of("/k"),
                Path.of("/i"), deep, List.of());
        assertThatThrownBy(() -> VfkitCommandLine.build(launch)).hasMessageContaining("is longer than macOS allows (103 bytes)");
    }

    @Test
    void theMacIsStablePerProfileAndLocallyAdministered() {
        assertThat(VfkitCommandLine.mac("default")).isEqualTo(VfkitCommandLine.mac("default")).startsWith("02:").matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
        assertThat(VfkitCommandLine.mac("default")).isNotEqualTo(VfkitCommandLine.mac("work"));
    }

    /** The provider's plan on Apple silicon: the kernel uncompressed into the instance, the rc's settings, virtiofs shares. */
    @Test
    void thePlanUncompressesTheKernelAndTellsTheGuestAboutVsock() throws IOException {
        byte[] image = arm64Image(4096);
        Path imageDir = Files.createDirectories(tmp.resolve("image"));
        Files.write(imageDir.resolve("vmlinuz"), gzip(image));
        Files.writeString(imageDir.resolve("initramfs.cpio"), "base archive|");
        Files.writeString(imageDir.resolve("vsock-overlay.cpio"), "overlay archive");
        Files.writeString(imageDir.resolve("manifest.json"), """
                {"format": 1, "inputKey": "k", "kernelVersion": "6.1.0-57-arm64", "arch": "aarch64", "artefacts": [
                  {"name": "kernel", "file": "vmlinuz", "size": 1, "sha256": "x"},
                  {"name": "initramfs", "file": "initramfs.cpio", "size": 4, "sha256": "y"},
                  {"name": "vsock-overlay", "file": "vsock-overlay.cpio", "size": 4, "sha256": "z"}]}""");
        Path vfkit = Files.writeString(tmp.resolve("vfkit"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(vfkit, PosixFilePermissions.fromString("rwxr-xr-x"));
        VmLayout layout = VmLayout.of(tmp.resolve("state"), "default");
        Files.createDirectories(layout.dir());
        VmSettings settings = new VmSettings(2, 1024, 32, List.of(Path.of("/Users/dev")), FileSharing.NINE_P);
        VmProvider.Plan plan = new VfkitProvider(APPLE_SILICON, vfkit)
                .plan(new VmProvider.VmRequest(APPLE_SILICON, settings, VmImage.load(imageDir), layout, 0));

        assertThat(Files.readAllBytes(layout.uncompressedKernel())).isEqualTo(image);
        assertThat(layout.dir().resolve("initrd-vz.cpio")).hasContent("base archive|overlay archive");
        String golden = Golden.lines(plan.commandLine()).replace(tmp.toString(), "/TMP")
                + "--- etc/berth/provider\n" + new ConfigArchive().withProvider("vfkit", plan.guestSettings()).content("etc/berth/provider")
                + "--- accelerator " + plan.accelerator() + ", machine " + plan.machine() + ", file sharing " + plan.fileSharing() + "\n"
                + String.join("\n", plan.probeNotes()).replace(tmp.toString(), "/TMP") + "\n";
        Golden.assertMatches("vfkit/plan-arm64.txt", golden);

        // On Intel the bzImage is booted as it is: nothing is written.
        VmLayout intelLayout = VmLayout.of(tmp.resolve("state"), "intel");
        VmProvider.Plan intel = new VfkitProvider(INTEL_MAC, vfkit).plan(new VmProvider.VmRequest(INTEL_MAC, settings, VmImage.load(imageDir), intelLayout, 0));
        assertThat(intel.commandLine()).anyMatch(a -> a.startsWith("linux,kernel=" + imageDir.resolve("vmlinuz") + ","));
        assertThat(intelLayout.uncompressedKernel()).doesNotExist();
    }

    @Test
    void anImageWithoutTheVsockOverlayIsRefusedWithTheFix() throws IOException {
        Path imageDir = Files.createDirectories(tmp.resolve("plain"));
        Files.writeString(imageDir.resolve("manifest.json"), """
                {"format": 1, "artefacts": [{"name": "kernel", "file": "vmlinuz", "size": 1, "sha256": "x"},
                  {"name": "initramfs", "file": "initramfs.cpio", "size": 4, "sha256": "y"}]}""");
        assertThatThrownBy(() -> VfkitProvider.initrd(VmImage.load(imageDir), VmLayout.of(tmp, "default")))
                .hasMessageContaining("has no vsock overlay").hasMessageContaining("run packaging/vm/build-vsock-overlay.sh " + imageDir);
    }

    @Test
    void kernelFormatsAreRecognisedAndUncompressed() throws IOException {
        byte[] image = arm64Image(8192);
        assertThat(KernelImage.kind(image)).isEqualTo(KernelImage.Kind.ARM64_IMAGE);
        assertThat(KernelImage.kind(gzip(image))).isEqualTo(KernelImage.Kind.GZIP);

        byte[] payload = gzip(image);
        ByteBuffer zboot = ByteBuffer.allocate(0x100 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        zboot.put(0, (byte) 'M').put(1, (byte) 'Z').put(4, "zimg".getBytes(StandardCharsets.US_ASCII)).putInt(8, 0x100).putInt(12, payload.length)
                .put(0x18, "gzip".getBytes(StandardCharsets.US_ASCII)).put(0x100, payload);
        assertThat(KernelImage.kind(zboot.array())).isEqualTo(KernelImage.Kind.ZBOOT_GZIP);
        Path zbootFile = Files.write(tmp.resolve("vmlinuz-zboot"), zboot.array());
        assertThat(Files.readAllBytes(KernelImage.uncompressed(zbootFile, tmp.resolve("Image")))).isEqualTo(image);

        Path bzImage = Files.write(tmp.resolve("bzImage"), new byte[512]);
        assertThatThrownBy(() -> KernelImage.uncompressed(bzImage, tmp.resolve("Image2")))
                .hasMessageContaining("is neither an arm64 Image nor a gzip or EFI zboot (gzip) compressed one");
    }

    @Test
    void theGuestStatusIsReadFromTheConsole() throws IOException {
        VmLayout layout = VmLayout.of(tmp, "default");
        Files.createDirectories(layout.dir());
        Files.writeString(layout.console(), """
                [    0.000000] Booting Linux on physical CPU 0x0000000000 [0x610f0000]
                berth-guest: status BOOT (uptime 0.61)
                berth-guest: status ADDR 192.168.64.7 (uptime 1.02)
                berth-guest: engine on vsock port 2375, control on 2374
                berth-guest: status READY 2.34 (uptime 2.34)
                berth-guest: status STOPPED clean (remounted read-only) (uptime 80.02)
                """);
        assertThat(new VfkitProvider(APPLE_SILICON, Path.of("/v")).guestStatus(layout))
                .containsExactly("BOOT", "ADDR 192.168.64.7", "READY 2.34", "STOPPED clean (remounted read-only)");
        assertThat(VfkitProvider.guestAddress(new VfkitProvider(APPLE_SILICON, Path.of("/v")).guestStatus(layout))).contains("192.168.64.7");
    }

    /** The forwarder's target: the last leased address the guest reported; nothing from an image that does not report one. */
    @Test
    void theGuestAddressIsItsLastAddrStatusLine() {
        assertThat(VfkitProvider.guestAddress(List.of("BOOT", "ADDR 192.168.64.5", "ADDR 192.168.64.9", "READY 2.1"))).contains("192.168.64.9");
        assertThat(VfkitProvider.guestAddress(List.of("BOOT", "READY 2.1"))).isEmpty();
        assertThat(VfkitProvider.guestAddress(List.of("ADDR", "ADDR not-an-address"))).isEmpty();
        assertThat(new VfkitProvider(APPLE_SILICON, Path.of("/v")).forwardsPortsWithSockets()).isTrue();
        assertThat(new VfkitProvider(APPLE_SILICON, Path.of("/v")).forwardsPortsOverQmp()).isFalse();
    }

    /** The REST client against a real unix socket answering as vfkit does. */
    @Test
    void theRestApiIsSpokenOverItsUnixSocket() throws Exception {
        Path socket = tmp.resolve("rest.sock");
        List<String> requests = new CopyOnWriteArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread serving = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 2; i++) {
                    try (SocketChannel client = server.accept()) {
                        ByteBuffer buffer = ByteBuffer.allocate(4096);
                        client.read(buffer);
                        requests.add(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
                        client.write(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n"
                                + "{\"canHardStop\":true,\"canPause\":true,\"state\":\"VirtualMachineStateRunning\"}").getBytes(StandardCharsets.UTF_8)));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            assertThat(VfkitRest.state(socket)).isEqualTo("VirtualMachineStateRunning");
            VfkitRest.change(socket, "HardStop");
            serving.join(5000);
        }
        assertThat(requests.get(0)).startsWith("GET /vm/state HTTP/1.0\r\n");
        assertThat(requests.get(1)).startsWith("POST /vm/state HTTP/1.0\r\n").endsWith("\r\n\r\n{\"state\": \"HardStop\"}");
    }

    static byte[] arm64Image(int size) {
        byte[] image = new byte[size];
        for (int i = 0; i < size; i++) {
            image[i] = (byte) (i * 31);
        }
        image[0x38] = 'A';
        image[0x39] = 'R';
        image[0x3a] = 'M';
        image[0x3b] = 0x64;
        return image;
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }
}
