package dev.berth.bridge.vm;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A profile's VM settings, stored as {@code settings.properties} in its folder. The defaults suit the engine VM
 * here: 2 CPUs (never more than the host has), 1 GiB (the initramfs root lives in guest memory; 768 MiB is the
 * floor) and a 32 GiB sparse data disk (it only takes what the images and volumes use).
 */
public record VmSettings(int cpus, int memoryMiB, int diskGiB) {

    public static final int MIN_MEMORY_MIB = 768;

    public VmSettings {
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
        return new VmSettings(Math.min(2, Runtime.getRuntime().availableProcessors()), 1024, 32);
    }

    public VmSettings withCpus(int value) {
        return new VmSettings(value, memoryMiB, diskGiB);
    }

    public VmSettings withMemoryMiB(int value) {
        return new VmSettings(cpus, value, diskGiB);
    }

    public VmSettings withDiskGiB(int value) {
        return new VmSettings(cpus, memoryMiB, value);
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
        return new VmSettings(intValue(properties, "cpus", defaults.cpus, file), intValue(properties, "memory.mib", defaults.memoryMiB, file),
                intValue(properties, "disk.gib", defaults.diskGiB, file));
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
