package dev.berth.bridge.vm;

import java.nio.file.Path;

/**
 * One host folder mounted in the guest at the same absolute path, so a compose file's bind mount
 * {@code ./src:/app} (resolved to {@code /home/me/proj/src}) names the same files on both sides. {@code tag} is
 * the virtio mount tag ({@code share0}, {@code share1}, …: 9p tags are at most 31 bytes, a path is not).
 */
public record VmShare(String tag, Path hostPath) {

    public VmShare {
        if (!hostPath.isAbsolute()) {
            throw new IllegalArgumentException("a share is an absolute host path (was " + hostPath + ")");
        }
        hostPath = hostPath.normalize();
    }

    /** True when {@code path} (absolute, normalised) is this folder or inside it. */
    public boolean covers(Path path) {
        return path.normalize().startsWith(hostPath);
    }
}
