package dev.berth.bridge.vm;

import java.util.Locale;

/**
 * How host folders reach the guest. {@code 9p} (virtio-9p, QEMU's own file server) works everywhere QEMU does and
 * is the baseline; {@code virtiofs} (Debian's {@code virtiofsd}, one daemon per share, shared guest memory) is
 * faster on metadata-heavy work; {@code auto} takes virtiofs when a {@code virtiofsd} is installed (and under vfkit,
 * whose Virtualization.framework serves virtio-fs itself). {@code none}: no folder is shared (QEMU for Windows has
 * neither 9p nor virtiofs; a provider resolves to it there, and a user may choose it).
 */
public enum FileSharing {
    AUTO("auto"), NINE_P("9p"), VIRTIOFS("virtiofs"), NONE("none");

    public final String key;

    FileSharing(String key) {
        this.key = key;
    }

    public static FileSharing parse(String value) {
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        for (FileSharing sharing : values()) {
            if (sharing.key.equals(wanted)) {
                return sharing;
            }
        }
        throw new IllegalArgumentException("file sharing is auto, 9p, virtiofs or none (was '" + value + "')");
    }
}
