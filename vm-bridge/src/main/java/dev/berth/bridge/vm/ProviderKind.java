package dev.berth.bridge.vm;

import java.util.Locale;
import java.util.Optional;

/** The ways Berth runs its engine VM: QEMU (every host), vfkit/Virtualization.framework (macOS), a WSL2 distro (Windows). */
public enum ProviderKind {
    QEMU("qemu"), VFKIT("vfkit"), WSL2("wsl2");

    public final String key;

    ProviderKind(String key) {
        this.key = key;
    }

    /** {@code qemu}, {@code vfkit} or {@code wsl2}; empty for {@code auto} (or blank). */
    public static Optional<ProviderKind> parse(String value) {
        String wanted = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty() || wanted.equals("auto")) {
            return Optional.empty();
        }
        for (ProviderKind kind : values()) {
            if (kind.key.equals(wanted)) {
                return Optional.of(kind);
            }
        }
        throw new IllegalArgumentException("the VM provider is auto, qemu, vfkit or wsl2 (was '" + value + "')");
    }
}
