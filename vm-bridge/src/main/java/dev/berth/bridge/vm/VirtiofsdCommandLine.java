package dev.berth.bridge.vm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of one share's {@code virtiofsd}, pure for golden tests. It serves one folder on a vhost-user
 * socket QEMU connects to and exits when QEMU disconnects. Two daemons exist and speak different options:
 * <ul>
 * <li>{@link Flavour#RUST}: the virtiofsd project's daemon, Debian's {@code virtiofsd} package (trixie on),
 *     {@code /usr/libexec/virtiofsd}. As a normal user it cannot sandbox itself, so {@code --sandbox=none}, and
 *     the files it creates are that user's, which is what a developer expects of files a container wrote.</li>
 * <li>{@link Flavour#QEMU_C}: the C daemon QEMU 7.2 still ships ({@code /usr/lib/qemu/virtiofsd} in
 *     {@code qemu-system-common}, Debian 12). It needs root (namespace sandbox).</li>
 * </ul>
 * {@code cache=auto}: the guest caches metadata for a second, so a file the host edits is seen within a second.
 */
public final class VirtiofsdCommandLine {

    public enum Flavour { RUST, QEMU_C }

    private VirtiofsdCommandLine() {}

    public static List<String> build(Flavour flavour, Path virtiofsd, Path socket, VmShare share, boolean root) {
        List<String> args = new ArrayList<>(List.of(virtiofsd.toString(), "--socket-path=" + socket));
        if (flavour == Flavour.RUST) {
            args.addAll(List.of("--shared-dir=" + share.hostPath(), "--cache=auto", "--thread-pool-size=2",
                    root ? "--sandbox=namespace" : "--sandbox=none"));
        } else {
            args.addAll(List.of("-o", "source=" + QemuCommandLine.option(share.hostPath().toString()), "-o", "cache=auto",
                    "-o", "sandbox=namespace", "--thread-pool-size=2"));
        }
        return List.copyOf(args);
    }
}
