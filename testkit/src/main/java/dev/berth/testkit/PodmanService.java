package dev.berth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private Podman engine for the Docker-compatible API tests: {@code podman system service --time=0} on a unix
 * socket in a temporary directory, with its own storage, run root, network definitions and containers.conf, so
 * nothing of the machine's (or another test run's) Podman state is read or written.
 *
 * <p>What it takes to run rootful Podman 4.3 inside this kind of container, found by trying:
 * <ul>
 *   <li>{@code --storage-driver vfs}: overlay inside a container's overlay root is not available;</li>
 *   <li>{@code cgroup_manager = "cgroupfs"} and {@code events_logger = "file"}: there is no systemd/journald;</li>
 *   <li>{@code default_ulimits = []}: Podman's default raises RLIMIT_NOFILE/NPROC above the hard limits the
 *       sandbox grants ("error setting rlimit type 7: operation not permitted"); with none set, containers
 *       inherit the service's limits;</li>
 *   <li>{@code network_config_dir} in the temporary directory: networks created through the API would
 *       otherwise be written to {@code /etc/containers/networks}.</li>
 * </ul>
 * The socket lives at {@code <dir>/podman/podman.sock}, so {@code XDG_RUNTIME_DIR=<dir>} makes it the socket
 * rootless Podman discovery looks for.
 */
public final class PodmanService implements AutoCloseable {

    public static final Path PODMAN = Path.of("/usr/bin/podman");

    private final Path dir;
    private final Path socket;
    private final Process service;

    private PodmanService(Path dir) throws Exception {
        this.dir = dir;
        this.socket = dir.resolve("podman/podman.sock");
        Files.createDirectories(socket.getParent());
        Files.createDirectories(dir.resolve("networks"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(dir.resolve("containers.conf"), """
                [containers]
                default_ulimits = []

                [engine]
                cgroup_manager = "cgroupfs"
                events_logger = "file"
                events_logfile_path = "%s"

                [network]
                network_config_dir = "%s"
                """.formatted(dir.resolve("events.log"), dir.resolve("networks")));
        List<String> command = podman("system", "service", "--time=0", "unix://" + socket);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile());
        builder.environment().put("CONTAINERS_CONF", dir.resolve("containers.conf").toString());
        service = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!answers()) {
            if (System.nanoTime() > deadline || !service.isAlive()) {
                String log = Files.readString(dir.resolve("service.log"));
                close();
                throw new IllegalStateException("podman system service did not start: " + log);
            }
            Thread.sleep(100);
        }
    }

    /** Why Podman cannot be started here, or empty when it can be tried. */
    public static Optional<String> unavailableBecause() {
        if (!Files.isExecutable(PODMAN)) {
            return Optional.of("podman is not installed (Debian: podman)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("the Podman tests run rootful Podman and need root (running as " + System.getProperty("user.name") + ")");
        }
        return Optional.empty();
    }

    /** Starts a private Podman service; fails with Podman's own log when it cannot. */
    public static PodmanService start() throws Exception {
        return new PodmanService(Files.createTempDirectory("berth-podman"));
    }

    /** The Docker-compatible API's socket. */
    public Path socket() {
        return socket;
    }

    /** A directory where {@code podman/podman.sock} is this service's socket (an {@code XDG_RUNTIME_DIR}). */
    public Path runtimeDir() {
        return dir;
    }

    /**
     * Copies an image from the Docker engine into this Podman, as {@code docker save | podman load} would (there
     * is no registry here to pull from). Podman names it {@code localhost/<name>}; short names resolve to it.
     */
    public void loadFromDocker(String image) throws Exception {
        Path tar = dir.resolve("image.tar");
        run(List.of("docker", "save", "-o", tar.toString(), image));
        run(podman("load", "-q", "-i", tar.toString()));
        Files.delete(tar);
    }

    /** Runs the podman CLI against this service's storage (for set-up and checks, not for the code under test). */
    public String podmanCli(String... arguments) throws Exception {
        return run(podman(arguments));
    }

    private List<String> podman(String... arguments) {
        List<String> command = new ArrayList<>(List.of(PODMAN.toString(),
                "--root", dir.resolve("root").toString(), "--runroot", dir.resolve("run").toString(),
                "--storage-driver", "vfs", "--tmpdir", dir.resolve("tmp").toString(),
                "--cgroup-manager", "cgroupfs", "--events-backend", "file",
                "--network-config-dir", dir.resolve("networks").toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    private String run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CONTAINERS_CONF", dir.resolve("containers.conf").toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private boolean answers() {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Ends the processes whose command line names a path under {@code dir}; returns how many there were. */
    private static int endProcessesNaming(Path dir) {
        String under = dir + "/";
        List<ProcessHandle> ours = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains(under)).orElse(false))
                .toList();
        ours.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : ours) {
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        }
        return ours.size();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (UncheckedIOException | NoSuchFileException e) {
            // a file vanished while walking: the next attempt sees the rest
        }
    }

    /** Podman's log, for a failing test's message. */
    public String log() throws IOException {
        return Files.readString(dir.resolve("service.log"));
    }

    @Override
    public void close() throws Exception {
        try {
            // Containers first: their mounts (vfs layers, shm) live under the directory about to be deleted.
            if (service.isAlive()) {
                run(podman("rm", "--all", "--force", "--time", "0"));
                run(podman("volume", "rm", "--all", "--force"));
            }
        } catch (RuntimeException e) {
            // best effort: the service is stopped and the directory removed anyway
        } finally {
            service.destroy();
            service.waitFor(10, TimeUnit.SECONDS);
            // Exec sessions' conmon monitors wait minutes (--exit-delay) for a cleanup that the stopped service will
            // never run, and a killed conmon starts `podman container cleanup`, which recreates directories here.
            // End them — and only them: every process this service started names its directory — then delete.
            for (int attempt = 0; attempt < 5; attempt++) {
                boolean quiet = endProcessesNaming(dir) == 0;
                if (quiet && !Files.exists(dir)) {
                    break;
                }
                deleteTree(dir);
                Thread.sleep(200);
            }
        }
    }
}
