package dev.berth.bridge.vm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The vfkit command line of the engine VM (Apple's Virtualization.framework), pure for golden tests.
 * <ul>
 * <li>{@code --bootloader linux}: the image's kernel (uncompressed on arm64: {@link KernelImage}) and initramfs, the
 *     console on {@code hvc0} ({@code virtio-serial,logFilePath}: the console file the host reads, status lines
 *     included, since Virtualization.framework has no named virtio-serial ports).</li>
 * <li>Disks by {@code deviceId}: the virtio-blk serial the guest's rc finds them by ({@code berth-data},
 *     {@code berth-config}), exactly as under QEMU.</li>
 * <li>{@code virtio-net,nat} with a MAC derived from the profile (the DHCP lease in {@code /var/db/dhcpd_leases}
 *     stays one per instance); the guest asks DHCP ({@code BERTH_NET=dhcp}).</li>
 * <li>virtio-fs per share (Virtualization.framework serves it; no virtiofsd).</li>
 * <li>The engine over vsock: {@code virtio-vsock,port=2375,socketURL=<instance>/docker.sock,connect}: vfkit listens
 *     on the unix socket and connects each client to the guest's vsock port 2375, where the rc's socat hands it to
 *     dockerd's unix socket. No TCP port, no TLS: only this user reaches the 0700 folder the socket is in. Port 2374
 *     the same way to the guest's control ("stop").</li>
 * <li>{@code --restful-uri unix://…}: state queries and the forced stop.</li>
 * </ul>
 * vfkit splits option values at commas and reads double quotes as quoting, so a path holding either is refused.
 */
public final class VfkitCommandLine {

    public static final int ENGINE_VSOCK_PORT = 2375;
    public static final int CONTROL_VSOCK_PORT = 2374;
    public static final String CMDLINE = "console=hvc0 quiet loglevel=4 panic=-1 rdinit=/init";
    /** sun_path on macOS holds 104 bytes with its NUL. */
    static final int MAX_SOCKET_PATH = 103;

    public record Launch(Path vfkit, VmSettings settings, Path kernel, Path initramfs, VmLayout layout, List<VmShare> shares) {
        public Launch {
            shares = List.copyOf(shares);
        }
    }

    private VfkitCommandLine() {}

    public static List<String> build(Launch launch) {
        VmLayout layout = launch.layout();
        for (Path socket : List.of(layout.engineSocket(), layout.control(), layout.vfkitRest())) {
            if (socket.toString().length() > MAX_SOCKET_PATH) {
                throw new VmException("plan vfkit", "the socket path " + socket + " is longer than macOS allows (" + MAX_SOCKET_PATH
                        + " bytes): set BERTH_STATE_DIR to a shorter folder");
            }
        }
        List<String> args = new ArrayList<>();
        args.add(launch.vfkit().toString());
        args.addAll(List.of("--cpus", String.valueOf(launch.settings().cpus()), "--memory", String.valueOf(launch.settings().memoryMiB())));
        args.addAll(List.of("--bootloader", "linux,kernel=" + value(launch.kernel()) + ",initrd=" + value(launch.initramfs())
                + ",cmdline=\"" + CMDLINE + "\""));
        args.addAll(List.of("--device", "virtio-blk,path=" + value(layout.dataDisk()) + ",deviceId=berth-data"));
        args.addAll(List.of("--device", "virtio-blk,path=" + value(layout.configDisk()) + ",deviceId=berth-config"));
        args.addAll(List.of("--device", "virtio-net,nat,mac=" + mac(layout.profile())));
        args.addAll(List.of("--device", "virtio-rng"));
        for (VmShare share : launch.shares()) {
            args.addAll(List.of("--device", "virtio-fs,sharedDir=" + value(share.hostPath()) + ",mountTag=" + share.tag()));
        }
        args.addAll(List.of("--device", "virtio-vsock,port=" + ENGINE_VSOCK_PORT + ",socketURL=" + value(layout.engineSocket()) + ",connect"));
        args.addAll(List.of("--device", "virtio-vsock,port=" + CONTROL_VSOCK_PORT + ",socketURL=" + value(layout.control()) + ",connect"));
        args.addAll(List.of("--device", "virtio-serial,logFilePath=" + value(layout.console())));
        args.addAll(List.of("--restful-uri", "unix://" + value(layout.vfkitRest())));
        args.addAll(List.of("--log-level", "info"));
        return List.copyOf(args);
    }

    /** A path inside a vfkit option value: refused when vfkit would split or unquote it. */
    static String value(Path path) {
        String text = path.toString();
        if (text.contains(",") || text.contains("\"")) {
            throw new VmException("plan vfkit", "vfkit cannot take a path with a comma or a double quote: " + text
                    + (text.contains(",") ? " (move it, or use QEMU with BERTH_VM_PROVIDER=qemu)" : ""));
        }
        return text;
    }

    /** A locally administered unicast MAC from the profile name: stable across boots, distinct per profile. */
    static String mac(String profile) {
        int hash = profile.hashCode();
        return String.format("02:42:be:%02x:%02x:%02x", (hash >>> 16) & 0xff, (hash >>> 8) & 0xff, hash & 0xff);
    }
}
