package dev.berth.engine.api;

import dev.berth.testkit.TestEngine;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OpenSSH server on 127.0.0.1 and a free port, as the "remote host" of an {@code ssh://} endpoint: its
 * own host key, an authorised key generated for the test, and its own config, all in a temporary directory.
 *
 * <p>sshd insists on its privilege-separation directory {@code /run/sshd}, which only the service unit
 * creates. Rather than touch the machine, sshd runs in a private mount namespace ({@code unshare -m}) where a
 * tmpfs covers {@code /run} and holds {@code /run/sshd}; the real {@code /run} stays reachable there through a
 * bind mount in the temporary directory, and {@code SetEnv DOCKER_HOST} points the remote {@code docker}
 * CLI at the engine's socket through it. Nothing outlives the sshd process.
 */
final class LocalSshd implements AutoCloseable {

    static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path dir;
    private final int port;
    private final Process process;

    /** Why this machine cannot run the local sshd, or empty when it can. */
    static Optional<String> unavailableBecause() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("the ssh endpoint test starts sshd as root (for its privilege separation), and runs as "
                    + System.getProperty("user.name"));
        }
        for (String tool : List.of(SSHD.toString(), "/usr/bin/ssh", "/usr/bin/ssh-keygen", "/usr/bin/unshare")) {
            if (!Files.isExecutable(Path.of(tool))) {
                return Optional.of(tool + " is missing (Debian: openssh-server, openssh-client, util-linux)");
            }
        }
        if (onPath("docker").isEmpty()) {
            return Optional.of("the docker CLI is not on the PATH: the \"remote\" side runs 'docker system dial-stdio'");
        }
        return Optional.empty();
    }

    LocalSshd() throws Exception {
        dir = Files.createTempDirectory("berth-sshd");
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "berth-test-host", "-f", dir.resolve("host_key").toString());
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "berth-test-client", "-f", dir.resolve("id").toString());
        Files.copy(dir.resolve("id.pub"), dir.resolve("authorized_keys"));
        Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + Files.readString(dir.resolve("host_key.pub")));
        Path hostRun = Files.createDirectories(dir.resolve("host-run"));
        Files.writeString(dir.resolve("sshd_config"), """
                Port %d
                ListenAddress 127.0.0.1
                HostKey %s
                PidFile %s
                AuthorizedKeysFile %s
                PermitRootLogin prohibit-password
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                UsePAM no
                StrictModes no
                SetEnv DOCKER_HOST=unix://%s
                """.formatted(port, dir.resolve("host_key"), dir.resolve("sshd.pid"), dir.resolve("authorized_keys"),
                remoteView(TestEngine.socket(), hostRun)));
        String script = """
                set -e
                mount --bind /run "$1/host-run"
                mount -t tmpfs -o mode=755 tmpfs /run
                mkdir -m 755 /run/sshd
                exec %s -D -e -f "$1/sshd_config"
                """.formatted(SSHD);
        process = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sshd", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!listening()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                String log = Files.readString(dir.resolve("sshd.log"));
                close();
                throw new IllegalStateException("sshd did not start: " + log);
            }
            Thread.sleep(50);
        }
    }

    /** The engine socket as the sshd namespace sees it: anything under /run moved to the bind mount. */
    private static Path remoteView(Path socket, Path hostRun) throws IOException {
        Path real = socket.toRealPath();
        return real.startsWith("/run") ? hostRun.resolve(Path.of("/run").relativize(real)) : real;
    }

    private boolean listening() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return socket.getInputStream().read() >= 0; // the server's version banner
        } catch (IOException e) {
            return false;
        }
    }

    int port() {
        return port;
    }

    /** The endpoint with the ssh options a user would have in ~/.ssh/config (key, known hosts). */
    EngineEndpoint.Ssh endpoint() {
        return endpoint(dir.resolve("id"));
    }

    EngineEndpoint.Ssh endpoint(Path identity) {
        return new EngineEndpoint.Ssh("root", "127.0.0.1", port, List.of(
                "-F", "/dev/null", // not the developer's own ssh config
                "-i", identity.toString(), "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
                "-o", "UserKnownHostsFile=" + dir.resolve("known_hosts"), "-o", "StrictHostKeyChecking=yes"));
    }

    /** A key pair sshd does not accept. */
    Path strangerKey() throws Exception {
        Path key = dir.resolve("stranger");
        if (!Files.exists(key)) {
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        }
        return key;
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("sshd.log"));
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static Optional<Path> onPath(String name) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            // host-run is a bind mount only inside sshd's namespace: here it is an empty directory.
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
