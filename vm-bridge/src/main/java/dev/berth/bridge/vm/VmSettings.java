package dev.berth.bridge.vm;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * A profile's VM settings, stored as {@code settings.properties} in its folder. The defaults suit the engine VM
 * here: 2 CPUs (never more than the host has), 1 GiB (the initramfs root lives in guest memory; 768 MiB is the
 * floor), a 32 GiB sparse data disk (it only takes what the images and volumes use), and the user's home shared at
 * the same path in the guest ({@code shares}, a {@code :}-separated list of absolute host folders; {@code
 * file.sharing} auto, 9p or virtiofs). {@code network=restricted} (the default) keeps QEMU's {@code restrict=on}: the
 * guest reaches nothing outside, and UDP cannot be forwarded (slirp then drops every datagram the guest sends);
 * {@code network=open} lets the guest out (pulls, UDP replies) while its rc still refuses new connections to the host.
 */
public record VmSettings(int cpus, int memoryMiB, int diskGiB, List<Path> shares, FileSharing fileSharing, boolean openNetwork) {

    public static final int MIN_MEMORY_MIB = 768;
    /** The settings key that lists the shares: named in the error for a bind mount outside every share. */
    public static final String SHARES_KEY = "shares";

    /** Settings without shares (what the VM had before file sharing). */
    public VmSettings(int cpus, int memoryMiB, int diskGiB) {
        this(cpus, memoryMiB, diskGiB, List.of(), FileSharing.AUTO, false);
    }

    public VmSettings(int cpus, int memoryMiB, int diskGiB, List<Path> shares, FileSharing fileSharing) {
        this(cpus, memoryMiB, diskGiB, shares, fileSharing, false);
    }

    public VmSettings {
        shares = shares.stream().map(Path::normalize).distinct().toList();
        for (Path share : shares) {
            if (!share.isAbsolute()) {
                throw new IllegalArgumentException("a share is an absolute host path (was " + share + ")");
            }
        }
        if (cpus < 1) {
            throw new IllegalArgumentException("cpus must be at least 1 (was " + cpus + ")");
        }
        if (memoryMiB < MIN_MEMORY_MIB) {
            throw new IllegalArgumentException("memory must be at least " + MIN_MEMORY_MIB + " MiB: the engine's root file system lives in it (was "
                    + memoryMiB + ")");
        }
        if (diskGiB < 2) {
            throw new IllegalArgumentException("disk must be at least 2 GiB (was " + diskGiB + ")");
        }
    }

    public static VmSettings defaults() {
        return new VmSettings(Math.min(2, Runtime.getRuntime().availableProcessors()), 1024, 32,
                List.of(Path.of(System.getProperty("user.home")).toAbsolutePath()), FileSharing.AUTO, false);
    }

    public VmSettings withCpus(int value) {
        return new VmSettings(value, memoryMiB, diskGiB, shares, fileSharing, openNetwork);
    }

    public VmSettings withMemoryMiB(int value) {
        return new VmSettings(cpus, value, diskGiB, shares, fileSharing, openNetwork);
    }

    public VmSettings withDiskGiB(int value) {
        return new VmSettings(cpus, memoryMiB, value, shares, fileSharing, openNetwork);
    }

    public VmSettings withShares(List<Path> value) {
        return new VmSettings(cpus, memoryMiB, diskGiB, value, fileSharing, openNetwork);
    }

    public VmSettings withFileSharing(FileSharing value) {
        return new VmSettings(cpus, memoryMiB, diskGiB, shares, value, openNetwork);
    }

    public VmSettings withOpenNetwork(boolean value) {
        return new VmSettings(cpus, memoryMiB, diskGiB, shares, fileSharing, value);
    }

    /** The shares with their mount tags, in settings order; a share inside another is dropped (the outer one covers it). */
    public List<VmShare> vmShares() {
        List<VmShare> result = new ArrayList<>();
        for (Path share : shares) {
            boolean covered = shares.stream().anyMatch(other -> !other.equals(share) && share.startsWith(other));
            if (!covered) {
                result.add(new VmShare("share" + result.size(), share));
            }
        }
        return List.copyOf(result);
    }

    /** The stored settings, or the defaults when there are none; a bad value names the file and key. */
    public static VmSettings load(Path file) {
        VmSettings defaults = defaults();
        if (!Files.isRegularFile(file)) {
            return defaults;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String shares = properties.getProperty(SHARES_KEY);
        List<Path> shareList = shares == null ? defaults.shares
                : Arrays.stream(shares.split(":")).map(String::strip).filter(s -> !s.isEmpty()).map(Path::of).toList();
        String sharing = properties.getProperty("file.sharing");
        try {
            return new VmSettings(intValue(properties, "cpus", defaults.cpus, file), intValue(properties, "memory.mib", defaults.memoryMiB, file),
                    intValue(properties, "disk.gib", defaults.diskGiB, file), shareList,
                    sharing == null || sharing.isBlank() ? defaults.fileSharing : FileSharing.parse(sharing), network(properties.getProperty("network")));
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static boolean network(String value) {
        if (value == null || value.isBlank() || value.strip().equals("restricted")) {
            return false;
        }
        if (value.strip().equals("open")) {
            return true;
        }
        throw new IllegalArgumentException("network is restricted or open (was '" + value + "')");
    }

    private static int intValue(Properties properties, String key, int fallback, Path file) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": " + key + " is not a number: " + value);
        }
    }

    public void save(Path file) {
        Properties properties = new Properties();
        properties.setProperty("cpus", String.valueOf(cpus));
        properties.setProperty("memory.mib", String.valueOf(memoryMiB));
        properties.setProperty("disk.gib", String.valueOf(diskGiB));
        properties.setProperty(SHARES_KEY, String.join(":", shares.stream().map(Path::toString).toList()));
        properties.setProperty("file.sharing", fileSharing.key);
        properties.setProperty("network", openNetwork ? "open" : "restricted");
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file)) {
                properties.store(writer, "Berth engine VM settings (applied at the next start)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
