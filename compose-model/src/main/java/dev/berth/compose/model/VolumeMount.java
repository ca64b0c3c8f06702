package dev.berth.compose.model;

import java.util.Map;

/**
 * A mount of a service in long form. {@code type} is bind, volume, tmpfs, npipe, cluster or image;
 * {@code source} is absolute for binds, the volume key for named volumes, null for anonymous ones.
 * Option records are null when the mount has none of that kind.
 */
public record VolumeMount(String type, String source, String target, boolean readOnly, String consistency,
        BindOptions bind, VolumeOptions volume, TmpfsOptions tmpfs, Map<String, Object> extensions) {

    public record BindOptions(String propagation, Boolean createHostPath, String selinux) {}

    public record VolumeOptions(Boolean nocopy, String subpath) {}

    /** {@code size} in bytes, {@code mode} as a number (e.g. 0o1777). */
    public record TmpfsOptions(Long size, Long mode) {}

    public boolean isNamedVolume() {
        return "volume".equals(type) && source != null && !source.isEmpty();
    }
}
