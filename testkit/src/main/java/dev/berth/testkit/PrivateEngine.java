package dev.berth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * A dockerd of the test's own, for faults that would hurt the shared engine (kill it, fill its disk). It has
 * its own data root, exec root (and so its own containerd), pidfile and socket under one directory in /tmp,
 * and runs in a network namespace of its own ({@code unshare --net}) with {@code --bridge=none --iptables=false
 * --ip-masq=false --ip-forward=false}: it never touches docker0 (which {@code --bridge=none} alone deletes on the
 * host!), the shared engine's iptables rules or the host's sysctls; its socket is a file, reachable from the host. Tests should give their services
 * {@code network_mode: none} so that no bridge is made at all. It is stopped by its pid, never by name;
 * {@link #close()} stops it, its containerd and their shims, unmounts what they mounted and deletes the
 * directory, and is idempotent; {@link #sweepLeftovers()} does the same for directories of crashed runs.
 */
public final class PrivateEngine implements AutoCloseable {

    private static final String PREFIX = "berth-pe-";
    private static final String OWNER = "owner.pid";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final Path socket;
    private final boolean liveRestore;
    private Process dockerd;

    private PrivateEngine(Path dir, boolean liveRestore) {
        this.dir = dir;
        this.socket = dir.resolve("docker.sock");
        this.liveRestore = liveRestore;
    }

    /** True when this machine can run one: a dockerd binary and root (dockerd needs it). */
    public static boolean available() {
        return "root".equals(System.getProperty("user.name"))
                && (Files.isExecutable(Path.of("/usr/sbin/dockerd")) || Files.isExecutable(Path.of("/usr/bin/dockerd")));
    }

    /** Starts a fresh engine (after sweeping leftovers of crashed runs) and waits until it answers. */
    public static PrivateEngine start() throws IOException, InterruptedException {
        return start(0);
    }

    /**
     * Starts a fresh engine whose data root is a tmpfs of {@code dataRootBytes} (0: no limit), so that a test
     * can fill the engine's disk without touching the machine's.
     */
    public static PrivateEngine start(long dataRootBytes) throws IOException, InterruptedException {
        return start(dataRootBytes, false);
    }

    /**
     * Starts a fresh engine with {@code --live-restore}: its containers outlive a {@link #kill()} and are still
     * running, with their logs (what they wrote meanwhile waits in the log pipe), after {@link #restart()}.
     */
    public static PrivateEngine startWithLiveRestore() throws IOException, InterruptedException {
        return start(0, true);
    }

    private static PrivateEngine start(long dataRootBytes, boolean liveRestore) throws IOException, InterruptedException {
        sweepLeftovers();
        // a short path: the containerd socket under the exec root must fit a unix socket name (108 bytes)
        PrivateEngine engine = new PrivateEngine(Files.createTempDirectory(Path.of("/tmp"), PREFIX), liveRestore);
        try {
            // The JVM that owns it: between kill() and restart() its dockerd is dead on purpose, and another
            // test's sweepLeftovers() must not take that for a crashed run's directory.
            Files.writeString(engine.dir.resolve(OWNER), Long.toString(ProcessHandle.current().pid()));
            if (dataRootBytes > 0) {
                Files.createDirectories(engine.dataRoot());
                Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + dataRootBytes + ",mode=0711",
                        "berth-pe-data", engine.dataRoot().toString()).redirectErrorStream(true).start();
                String said = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (mount.waitFor() != 0) {
                    throw new IOException("could not mount a tmpfs data root: " + said);
                }
            }
            engine.restart();
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    public Path socket() {
        return socket;
    }

    /** {@code unix://…} for {@code -H}. */
    public String host() {
        return "unix://" + socket;
    }

    public Path dataRoot() {
        return dir.resolve("data");
    }

    /** The dockerd's pid while it runs. */
    public long pid() {
        return dockerd.pid();
    }

    public boolean running() {
        return dockerd != null && dockerd.isAlive();
    }

    /** Starts dockerd again on the same data root (after {@link #kill()}); waits until it answers. */
    public void restart() throws IOException, InterruptedException {
        if (running()) {
            return;
        }
        // A dockerd killed by SIGKILL leaves the shims and the containers running (and at times its containerd,
        // and a new dockerd then times out starting a containerd beside the old one). Without live-restore stop
        // them all by pid, as when a machine's engine goes down with its containers: the new dockerd finds them
        // exited. With live-restore the new dockerd adopts them (and a containerd still running, by its pidfile).
        if (!liveRestore) {
            stopProcesses(dir);
        }
        List<String> options = new ArrayList<>(List.of("--bridge=none", "--iptables=false", "--ip-masq=false",
                "--ip-forward=false", "--ip6tables=false", "--log-level=warn", "--config-file", writeConfig().toString()));
        if (liveRestore) {
            options.add("--live-restore");
        }
        String binary = Files.isExecutable(Path.of("/usr/sbin/dockerd")) ? "/usr/sbin/dockerd" : "/usr/bin/dockerd";
        Files.createDirectories(dataRoot());
        // In a network namespace of its own (unshare -n execs dockerd, so the pid is dockerd's): dockerd started
        // with --bridge=none deletes any link called docker0 (libnetwork's removeDefaultBridgeInterface), which
        // on the host is the shared engine's bridge. An earlier attempt lost docker0 that way; here it cannot.
        List<String> command = new ArrayList<>(List.of("unshare", "--net", "--", binary, "--data-root", dataRoot().toString(),
                "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("docker.pid").toString(), "-H", host()));
        command.addAll(options);
        dockerd = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("dockerd.log").toFile())).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!TestEngine.ping(socket)) {
            if (!dockerd.isAlive() || System.nanoTime() > deadline) {
                dockerd.destroyForcibly();
                throw new IOException("the private dockerd did not come up; its log: " + log());
            }
            Thread.sleep(100);
        }
    }

    /** An empty config file: the machine's /etc/docker/daemon.json must not leak into the private engine. */
    private Path writeConfig() throws IOException {
        return Files.writeString(dir.resolve("daemon.json"), "{}");
    }

    /** The fault: SIGKILL to dockerd by its pid (containerd and the containers' shims live on, as after a crash). */
    public void kill() throws InterruptedException {
        if (running()) {
            dockerd.destroyForcibly();
            dockerd.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** Copies an image from the shared test engine ({@code docker save | docker load}). */
    public void loadImage(String image) throws IOException, InterruptedException {
        Process save = new ProcessBuilder("docker", "-H", "unix://" + TestEngine.socket(), "save", image)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Process load = new ProcessBuilder("docker", "-H", host(), "load").redirectErrorStream(true).start();
        save.getInputStream().transferTo(load.getOutputStream());
        load.getOutputStream().close();
        String said = new String(load.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (save.waitFor() != 0 || load.waitFor() != 0) {
            throw new IOException("could not copy " + image + " into the private engine: " + said);
        }
    }

    /**
     * Starts Debian's {@code docker-registry} (distribution 2.x) inside this engine's network namespace on
     * {@code 127.0.0.1:5000} (a loopback registry, which dockerd trusts without TLS), storing under this engine's
     * directory but outside its data root, so that filling the data root leaves the registry's blobs alone. The
     * engine reaches it as {@code 127.0.0.1:5000/…}; nothing on the host can, and it stops with {@link #close()}
     * (its command line names the directory). Returns the name prefix, {@code 127.0.0.1:5000}.
     */
    public String startRegistry() throws IOException, InterruptedException {
        Path binary = Path.of("/usr/bin/docker-registry");
        if (!Files.isExecutable(binary)) {
            throw new IOException("no registry: install Debian's docker-registry package (/usr/bin/docker-registry)");
        }
        Path config = Files.writeString(dir.resolve("registry.yml"), """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: 127.0.0.1:5000
                """.formatted(dir.resolve("registry")));
        // a new network namespace has its loopback down
        runInNamespace("ip", "link", "set", "lo", "up");
        new ProcessBuilder(inNamespace(binary.toString(), "serve", config.toString())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("registry.log").toFile())).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            Process probe = new ProcessBuilder(inNamespace("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/5000"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (probe.waitFor() == 0) {
                return "127.0.0.1:5000";
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the registry did not come up: " + Files.readString(dir.resolve("registry.log")));
            }
            Thread.sleep(200);
        }
    }

    /** {@code command} run inside this engine's network namespace ({@code nsenter} by the dockerd's pid). */
    private List<String> inNamespace(String... command) {
        List<String> all = new ArrayList<>(List.of("nsenter", "--net=/proc/" + pid() + "/ns/net", "--"));
        all.addAll(List.of(command));
        return all;
    }

    private void runInNamespace(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(inNamespace(command)).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " in the engine's namespace failed: " + said);
        }
    }

    /** The docker CLI against this engine (for test set-up and checks); returns its standard output. */
    public String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker", "-H", host()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("docker " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    public String log() {
        try {
            // the errors, not containerd's plugin chatter
            return String.join("\n", Files.readAllLines(dir.resolve("dockerd.log")).stream()
                    .filter(line -> !line.contains("level=info") && !line.contains("level=warning")).toList());
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops everything this engine started and deletes its directory; safe to call twice. */
    @Override
    public void close() {
        if (running()) {
            if (liveRestore) {
                // SIGTERM leaves a live-restore engine's containers running: remove them first (their shims go too)
                try {
                    String ids = docker("ps", "-aq").strip();
                    if (!ids.isEmpty()) {
                        List<String> remove = new ArrayList<>(List.of("rm", "-f"));
                        remove.addAll(ids.lines().toList());
                        docker(remove.toArray(String[]::new));
                    }
                } catch (IOException e) {
                    // cleanUp below stops the shims and their containers by pid
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            dockerd.destroy(); // SIGTERM: dockerd stops its containers and its containerd
            try {
                if (!dockerd.waitFor(30, TimeUnit.SECONDS)) {
                    dockerd.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        cleanUp(dir);
    }

    /**
     * Removes the directories of private engines whose dockerd is gone and whose owning JVM is gone too (a JVM
     * that died mid-test); an engine a live test has killed, to restart it, is left alone.
     */
    public static void sweepLeftovers() {
        try (Stream<Path> dirs = Files.list(Path.of("/tmp"))) {
            for (Path leftover : dirs.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
                Optional<ProcessHandle> owner = pidIn(leftover.resolve("docker.pid"));
                boolean ownerJvmAlive = pidIn(leftover.resolve(OWNER)).map(ProcessHandle::isAlive).orElse(false);
                if (!ownerJvmAlive && (owner.isEmpty() || !owner.get().isAlive())) {
                    cleanUp(leftover);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The engine's processes by the pids it recorded (its containerd, then every shim whose command line names
     * this directory), then its mounts (overlay layers, netns, shm), deepest first, then the files.
     */
    private static void cleanUp(Path dir) {
        stopProcesses(dir);
        unmountAndDelete(dir, dir.toString());
    }

    /** Its containerd by the pid it recorded, then the containers' processes and the shims that name the directory. */
    private static void stopProcesses(Path dir) {
        pidIn(dir.resolve("exec/containerd/containerd.pid")).filter(ProcessHandle::isAlive).ifPresent(PrivateEngine::stop);
        String marker = dir.toString();
        List<ProcessHandle> shims = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .filter(p -> p.pid() != ProcessHandle.current().pid()).toList();
        // the containers' processes first (children of the shims: their command lines do not name the directory)
        shims.stream().flatMap(ProcessHandle::descendants).toList().forEach(ProcessHandle::destroyForcibly);
        shims.forEach(PrivateEngine::stop);
    }

    private static void unmountAndDelete(Path dir, String marker) {
        try {
            List<String> mounts = Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                    .map(line -> line.split(" ")[1]).filter(point -> point.startsWith(marker + "/"))
                    .sorted(Comparator.comparingInt(String::length).reversed()).toList();
            for (String point : mounts) {
                new ProcessBuilder("umount", "-l", point).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
            }
            // Shims that are still exiting remove their own files meanwhile (hundreds of them after a scale
            // test): a walk that meets a vanished file starts again.
            for (int attempt = 1; Files.exists(dir); attempt++) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                } catch (NoSuchFileException | UncheckedIOException vanished) {
                    if (attempt == 10) {
                        throw vanished instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) vanished;
                    }
                    Thread.sleep(500);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not clean up " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    private static Optional<ProcessHandle> pidIn(Path pidFile) {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
