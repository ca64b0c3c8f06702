package dev.berth.bridge.vm;

import java.util.ArrayList;
import java.util.List;

/**
 * The QEMU command line of the engine VM, a pure function of a {@link QemuLaunch} (golden-tested for each
 * accelerator and machine pair).
 * <ul>
 * <li>Only user-mode networking, with {@code restrict=on} unless the settings open the network: the guest can
 *     open no connection to the host or anywhere else; the engine's forward binds 127.0.0.1 and leads to its
 *     mutual-TLS port. Published ports are {@code hostfwd_add} rules added later over QMP.</li>
 * <li>Direct kernel boot of the verified kernel and initramfs; the data disk and the config archive are
 *     virtio disks the guest finds by serial ({@code berth-data}, {@code berth-config}).</li>
 * <li>virtio-serial ports: {@code berth.status} (guest → a file the host reads: BOOT, READY, STOPPED…) and
 *     {@code berth.control} (a socket the host writes "stop" to). QMP on a unix socket; the console in a file.</li>
 * <li>{@code -daemonize} with a pid file: the VM outlives the Berth process that started it.</li>
 * <li>Shares: one {@code -fsdev local} + {@code virtio-9p} pair per share ({@code security_model=none}: files the
 *     guest creates belong to the user running QEMU, with the guest's mode bits; passthrough would need root to
 *     chown, mapped-xattr hides ownership in xattrs the host's tools do not read), or with virtiofs one
 *     {@code vhost-user-fs} device per share's virtiofsd socket, the guest RAM in a shared memfd
 *     ({@code memory-backend=mem}, which virtiofsd maps).</li>
 * </ul>
 */
public final class QemuCommandLine {

    /** The engine's mutual-TLS port inside the guest. */
    public static final int GUEST_ENGINE_PORT = 2376;
    /** The user network's id: published ports are {@code hostfwd_add} rules on it. */
    public static final String NETDEV = "net0";

    private QemuCommandLine() {}

    public static List<String> build(QemuLaunch launch) {
        MachineType machine = launch.machine();
        String dev = machine.virtioSuffix;
        VmLayout layout = launch.layout();
        List<String> args = new ArrayList<>();
        args.add(launch.qemu().toString());
        args.addAll(List.of("-name", "berth-" + layout.profile() + (launch.platform().os() == HostPlatform.Os.LINUX ? ",process=berth-vm-" + layout.profile() : "")));
        boolean virtiofs = launch.sharing() == FileSharing.VIRTIOFS && !launch.shares().isEmpty();
        args.addAll(List.of("-machine", machine.qemuMachine + (virtiofs ? ",memory-backend=mem" : ""), "-accel", launch.accelerator().qemuName, "-cpu", launch.accelerator().cpuModel()));
        args.addAll(List.of("-smp", String.valueOf(launch.settings().cpus()), "-m", launch.settings().memoryMiB() + "M"));
        args.addAll(List.of("-nodefaults", "-no-user-config", "-display", "none", "-no-reboot"));
        if (launch.platform().os() == HostPlatform.Os.LINUX) {
            // seccomp: no obsolete system calls, no scheduler/affinity changes. spawn=deny and elevateprivileges=deny
            // break -daemonize with QEMU 7.2 (SIGSYS, exit 1): measured here.
            args.addAll(List.of("-sandbox", "on,obsolete=deny,resourcecontrol=deny"));
        }
        if (virtiofs && machine == MachineType.MICROVM) {
            // virtio-mmio devices default to the legacy (0.9) interface, which vhost-user daemons refuse
            // ("virtio legacy devices aren't supported by libvhost-user": virtiofsd exits on the guest's first mount).
            args.addAll(List.of("-global", "virtio-mmio.force-legacy=false"));
        }
        if (virtiofs) {
            args.addAll(List.of("-object", "memory-backend-memfd,id=mem,size=" + launch.settings().memoryMiB() + "M,share=on"));
        }
        args.addAll(List.of("-kernel", launch.kernel().toString(), "-initrd", launch.initramfs().toString()));
        StringBuilder append = new StringBuilder("console=").append(machine.console).append(" quiet loglevel=4 panic=-1 rdinit=/init");
        if (machine.needsTscHint() && launch.tscKhz() > 0) {
            append.append(" tsc_early_khz=").append(launch.tscKhz());
        }
        args.addAll(List.of("-append", append.toString()));
        args.addAll(List.of("-chardev", "file,id=console,path=" + layout.console(), "-serial", "chardev:console"));
        args.addAll(List.of("-netdev", "user,id=" + NETDEV + (launch.settings().openNetwork() ? "" : ",restrict=on") + ",hostfwd=tcp:127.0.0.1:" + launch.enginePort() + "-:" + GUEST_ENGINE_PORT,
                "-device", "virtio-net" + dev + ",netdev=" + NETDEV));
        args.addAll(List.of("-device", "virtio-rng" + dev));
        args.addAll(List.of("-drive", "id=data,file=" + layout.dataDisk() + ",if=none,format=raw,discard=unmap",
                "-device", "virtio-blk" + dev + ",drive=data,serial=berth-data"));
        args.addAll(List.of("-drive", "id=config,file=" + layout.configDisk() + ",if=none,format=raw,readonly=on",
                "-device", "virtio-blk" + dev + ",drive=config,serial=berth-config"));
        for (VmShare share : launch.shares()) {
            if (virtiofs) {
                args.addAll(List.of("-chardev", "socket,id=vfs-" + share.tag() + ",path=" + option(layout.virtiofsSocket(share.tag()).toString()),
                        "-device", "vhost-user-fs" + dev + ",chardev=vfs-" + share.tag() + ",tag=" + share.tag() + ",queue-size=1024"));
            } else {
                args.addAll(List.of("-fsdev", "local,id=" + share.tag() + ",path=" + option(share.hostPath().toString()) + ",security_model=none",
                        "-device", "virtio-9p" + dev + ",fsdev=" + share.tag() + ",mount_tag=" + share.tag()));
            }
        }
        args.addAll(List.of("-device", "virtio-serial" + dev + ",id=vser0",
                "-chardev", "file,id=status,path=" + layout.guestStatus(),
                "-device", "virtserialport,bus=vser0.0,chardev=status,name=berth.status",
                "-chardev", "socket,id=control,path=" + layout.control() + ",server=on,wait=off",
                "-device", "virtserialport,bus=vser0.0,chardev=control,name=berth.control"));
        args.addAll(List.of("-qmp", "unix:" + layout.qmp() + ",server=on,wait=off"));
        args.addAll(List.of("-pidfile", layout.pidFile().toString(), "-daemonize"));
        return List.copyOf(args);
    }

    /** A value inside a QEMU option list: a comma is written twice. */
    static String option(String value) {
        return value.replace(",", ",,");
    }
}
