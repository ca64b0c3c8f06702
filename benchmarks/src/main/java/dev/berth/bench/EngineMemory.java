package dev.berth.bench;

import dev.berth.testkit.PrivateEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Resident memory of a private engine's processes, read from {@code /proc}: dockerd, its containerd, the shims, the containers. */
final class EngineMemory {

    private EngineMemory() {}

    static String describe(PrivateEngine engine) {
        String marker = engine.socket().getParent().toString();
        List<ProcessHandle> shims = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.contains("containerd-shim")).orElse(false))
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false)).toList();
        long shimKb = shims.stream().mapToLong(p -> rssKb(p.pid())).sum();
        List<ProcessHandle> inside = shims.stream().flatMap(ProcessHandle::descendants).toList();
        long insideKb = inside.stream().mapToLong(p -> rssKb(p.pid())).sum();
        long containerdKb = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/containerd")).orElse(false))
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .mapToLong(p -> rssKb(p.pid())).sum();
        return String.format("engine RSS: dockerd %d MiB, containerd %d MiB, %d shims %d MiB (%.1f MiB each), %d container processes %d MiB;"
                        + " MemAvailable %d MiB", rssKb(engine.pid()) / 1024, containerdKb / 1024, shims.size(), shimKb / 1024,
                shims.isEmpty() ? 0 : shimKb / 1024.0 / shims.size(), inside.size(), insideKb / 1024, memAvailableKb() / 1024);
    }

    static long rssKb(long pid) {
        return field(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
    }

    private static long memAvailableKb() {
        return field(Path.of("/proc/meminfo"), "MemAvailable:");
    }

    private static long field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).strip().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended meanwhile
        }
        return 0;
    }
}
