package dev.berth.bridge.vm;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What provider selection asks of the machine: is a program installed, and what does a short command print. The
 * system implementation looks on the PATH (with {@code .exe} on Windows) and in the usual install folders; tests
 * pass a fake, so macOS and Windows hosts are decided here without one.
 */
public interface HostTools {

    /** The program's path, if it is installed. */
    Optional<Path> find(String program);

    /** Runs a short command (a status query) with a deadline. */
    AcceleratorProbe.Runner.Outcome run(List<String> command, Duration timeout) throws IOException;

    /** The real machine: the PATH, then {@code extraDirs} (Homebrew, Program Files), and real processes. */
    static HostTools system(HostPlatform platform) {
        return new HostTools() {
            @Override
            public Optional<Path> find(String program) {
                String name = platform.os() == HostPlatform.Os.WINDOWS && !program.endsWith(".exe") ? program + ".exe" : program;
                List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
                dirs.addAll(extraDirs(platform));
                for (String dir : dirs) {
                    if (dir.isBlank()) {
                        continue;
                    }
                    Path candidate = Path.of(dir, name);
                    if (Files.isExecutable(candidate)) {
                        return Optional.of(candidate);
                    }
                }
                return Optional.empty();
            }

            @Override
            public AcceleratorProbe.Runner.Outcome run(List<String> command, Duration timeout) throws IOException {
                return AcceleratorProbe.runProcess(command, timeout);
            }
        };
    }

    /**
     * Where installers put the tools when the PATH of a GUI app does not include them: Homebrew's two prefixes (a
     * Finder-started app has no {@code /opt/homebrew/bin} on its PATH), QEMU's Windows installer, System32 for
     * {@code wsl.exe}.
     */
    static List<String> extraDirs(HostPlatform platform) {
        return switch (platform.os()) {
            case MACOS -> List.of("/opt/homebrew/bin", "/usr/local/bin");
            case WINDOWS -> List.of(System.getenv().getOrDefault("ProgramFiles", "C:\\Program Files") + "\\qemu",
                    System.getenv().getOrDefault("SystemRoot", "C:\\Windows") + "\\System32");
            case LINUX -> List.of();
        };
    }
}
