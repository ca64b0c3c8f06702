package dev.berth.bridge.vm;

import java.nio.file.Path;

/**
 * Where one profile's VM keeps its files: {@code <state>/vm/<profile>/}. The folder is 0700, so the engine
 * socket, the QMP and control sockets and the client key inside are the user's alone.
 */
public record VmLayout(String profile, Path dir) {

    public static VmLayout of(Path stateDir, String profile) {
        if (!profile.matches("[a-z0-9][a-z0-9_.-]{0,40}")) {
            throw new IllegalArgumentException("profile names are lower-case letters, digits, '.', '_' and '-' (was '" + profile + "')");
        }
        return new VmLayout(profile, stateDir.resolve("vm").resolve(profile));
    }

    public Path dataDisk() { return dir.resolve("data.img"); }
    public Path configDisk() { return dir.resolve("config.tar"); }
    public Path console() { return dir.resolve("console.log"); }
    public Path previousConsole() { return dir.resolve("console.previous.log"); }
    public Path guestStatus() { return dir.resolve("guest-status.log"); }
    public Path control() { return dir.resolve("control.sock"); }
    public Path qmp() { return dir.resolve("qmp.sock"); }
    public Path pidFile() { return dir.resolve("qemu.pid"); }
    public Path qemuLog() { return dir.resolve("qemu.log"); }
    public Path engineSocket() { return dir.resolve("docker.sock"); }
    public Path relayPidFile() { return dir.resolve("relay.pid"); }
    public Path relayLog() { return dir.resolve("relay.log"); }
    /** The client side of mutual TLS in the docker CLI's layout: {@code ca.pem}, {@code cert.pem}, {@code key.pem}. */
    public Path tlsDir() { return dir.resolve("tls"); }
    public Path settingsFile() { return dir.resolve("settings.properties"); }
    public Path stateFile() { return dir.resolve("state.json"); }
    /** The vhost-user socket of one share's virtiofsd (QEMU connects to it). */
    public Path virtiofsSocket(String tag) { return dir.resolve("virtiofs-" + tag + ".sock"); }
    public Path virtiofsLog(String tag) { return dir.resolve("virtiofsd-" + tag + ".log"); }
    /** vfkit's own output (its log level info: devices, state changes). */
    public Path vfkitLog() { return dir.resolve("vfkit.log"); }
    /** vfkit's REST API ({@code GET/POST /vm/state}). */
    public Path vfkitRest() { return dir.resolve("vfkit-rest.sock"); }
    /** The uncompressed arm64 kernel Virtualization.framework boots (it hangs on a compressed one). */
    public Path uncompressedKernel() { return dir.resolve("kernel-Image"); }
    /** Where WSL keeps the instance's distro (its ext4.vhdx holds /var/lib/docker). */
    public Path wslDir() { return dir.resolve("wsl"); }
    /** Published-port forwards and failures, written by the relay's {@code PortForwarder}, read by {@code berth vm ports}. */
    public Path portsFile() { return dir.resolve("ports.json"); }
}
