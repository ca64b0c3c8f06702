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
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        Os os = name.contains("mac") ? Os.MACOS : name.contains("win") ? Os.WINDOWS : Os.LINUX;
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return new HostPlatform(os, arch.equals("aarch64") || arch.equals("arm64") ? Arch.AARCH64 : Arch.X86_64);
    }

    /** {@code qemu-system-x86_64} or {@code qemu-system-aarch64}: the guest has the host's architecture. */
    public String qemuBinaryName() {
        return "qemu-system-" + arch.qemuName + (os == Os.WINDOWS ? ".exe" : "");
    }
}
