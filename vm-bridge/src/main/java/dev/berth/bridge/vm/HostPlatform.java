package dev.berth.bridge.vm;

import java.util.Locale;

/** The machine Berth runs on, as far as choosing a VM provider, accelerator and machine type goes. */
public record HostPlatform(Os os, Arch arch) {

    public enum Os { LINUX, MACOS, WINDOWS }

    public enum Arch {
        X86_64("x86_64"), AARCH64("aarch64");

        final String qemuName;

        Arch(String qemuName) {
            this.qemuName = qemuName;
        }
    }

    public static HostPlatform current() {
        return of(System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /**
     * From Java's {@code os.name} and {@code os.arch}: "Mac OS X", "Windows 11", "Linux"; "aarch64" (Apple silicon and
     * Windows on Arm report it, some JDKs "arm64"), "amd64"/"x86_64". Anything else is treated as x86_64 Linux, the
     * provider whose failure messages say what is missing.
     */
    public static HostPlatform of(String osName, String osArch) {
        String name = osName.toLowerCase(Locale.ROOT);
        Os os = name.contains("mac") || name.contains("darwin") ? Os.MACOS : name.startsWith("windows") ? Os.WINDOWS : Os.LINUX;
        String arch = osArch.toLowerCase(Locale.ROOT);
        return new HostPlatform(os, arch.equals("aarch64") || arch.equals("arm64") ? Arch.AARCH64 : Arch.X86_64);
    }

    /** {@code qemu-system-x86_64} or {@code qemu-system-aarch64}: the guest has the host's architecture. */
    public String qemuBinaryName() {
        return "qemu-system-" + arch.qemuName + (os == Os.WINDOWS ? ".exe" : "");
    }
}
