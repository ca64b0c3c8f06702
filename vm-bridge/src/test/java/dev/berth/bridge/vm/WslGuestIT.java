package dev.berth.bridge.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The WSL2 distro without Windows: {@code packaging/vm/build-wsl-rootfs.sh} builds the rootfs tarball from the VM
 * image (built first when missing), the test unpacks it and runs its {@code /etc/berth/wsl-rc} the way WSL would
 * (WSL gives a distro /proc, /sys, /dev and a network; here a chroot in its own network, mount and pid namespaces,
 * so the rootfs's dockerd touches nothing of the shared engine). The instance folder sits where WSL shows Windows'
 * C: drive, {@code /mnt/c/...}. Checked: the tarball's listing, BOOT then READY in {@code guest-status.log}, the
 * rootfs's dockerd answering on its unix socket, its {@code --tlsverify} port taking the instance's client certificate
 * and refusing a client without one, and "stop" on the fifo ending in {@code STOPPED clean} and the rc's exit.
 */
class WslGuestIT {

    private Path work;
    private Process guest;

    static Path repo() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("packaging/vm")) ? here : here.getParent();
    }

    @Test
    void theRootfsRunsTheEngineWithTheInstanceConfigAndStopsOnRequest() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root (chroot, namespaces, dockerd)");
        for (String tool : List.of("unshare", "nsenter", "chroot", "curl", "cpio", "apt-get")) {
            assumeTrue(QemuProvider.findOnPath(tool).isPresent(), "needs " + tool);
        }
        Path image = repo().resolve("packaging/target/vm-image");
        work = Files.createTempDirectory(Path.of("/tmp"), "berth-wslit-");
        Path tarball = work.resolve("wsl-rootfs.tar");
        Run built = run(Duration.ofMinutes(10), "bash", repo().resolve("packaging/vm/build-wsl-rootfs.sh").toString(), image.toString(), tarball.toString());
        System.out.println(built.output);
        assertThat(built.exit).as(built.output).isZero();
        assertThat(built.output).contains("./etc/berth/wsl-rc", "./etc/wsl.conf", "./usr/sbin/dockerd", "./usr/bin/containerd", "./usr/sbin/runc");
        assertThat(work.resolve("wsl-rootfs.tar.sha256")).exists();
        Run listing = run(Duration.ofMinutes(1), "tar", "-tf", tarball.toString());
        assertThat(listing.output.lines()).contains("./var/run", "./etc/berth/wsl-rc").doesNotContain("./init").noneMatch(l -> l.startsWith("./lib/modules/"));

        Path root = Files.createDirectories(work.resolve("root"));
        assertThat(run(Duration.ofMinutes(2), "tar", "-xf", tarball.toString(), "-C", root.toString()).exit).isZero();
        VmLayout layout = new VmLayout("default", root.resolve("mnt/c/Users/dev/berth/vm/default"));
        Files.createDirectories(layout.dir());
        int port = 40000 + (int) (ProcessHandle.current().pid() % 20000);
        InstanceCertificates certificates = InstanceCertificates.generate("default");
        ConfigArchive.forInstance("default", certificates).withShares(List.of(), FileSharing.NONE).withNetwork(false)
                .withProvider("wsl2", WslProvider.guestSettings(port)).write(layout.configDisk());
        certificates.writeClient(layout.tlsDir());

        // What WSL provides, then the command WslCommands.start runs (the path as the distro sees it).
        String wslPath = "/mnt/c/Users/dev/berth/vm/default";
        String r = root.toString();
        String setup = "set -e; mount -t proc proc " + r + "/proc; mount -t sysfs sysfs " + r + "/sys; mount --rbind /dev " + r + "/dev;"
                + " mount -t tmpfs -o mode=1777 tmp " + r + "/tmp; mount -t tmpfs docker " + r + "/var/lib/docker; ip link set lo up;"
                + " exec chroot " + r + " /bin/sh " + WslCommands.GUEST_RC + " " + wslPath;
        guest = new ProcessBuilder("unshare", "--net", "--mount", "--pid", "--fork", "--kill-child", "--", "/bin/sh", "-c", setup)
                .redirectErrorStream(true).redirectOutput(layout.console().toFile()).start();

        awaitStatus(root, layout, "READY", Duration.ofSeconds(120));
        assertThat(VmProvider.readLines(layout.guestStatus())).first().isEqualTo("BOOT");
        try (EngineClient engine = EngineClient.connect(new EngineEndpoint.Unix(root.resolve("run/docker.sock")))) {
            assertThat(engine.toString()).isNotNull(); // connect() pings and reads the version: the rootfs's dockerd answers
        }
        long inside = guest.descendants().findFirst().orElseThrow().pid();
        Path tls = layout.tlsDir();
        Run ping = run(Duration.ofSeconds(30), "nsenter", "-t", String.valueOf(inside), "-n", "curl", "-sS", "--max-time", "10",
                "--cacert", tls.resolve("ca.pem").toString(), "--cert", tls.resolve("cert.pem").toString(), "--key", tls.resolve("key.pem").toString(),
                "https://127.0.0.1:" + port + "/_ping");
        assertThat(ping.output).as(ping.output).isEqualTo("OK");
        Run anonymous = run(Duration.ofSeconds(30), "nsenter", "-t", String.valueOf(inside), "-n", "curl", "-sS", "--max-time", "10",
                "--cacert", tls.resolve("ca.pem").toString(), "https://127.0.0.1:" + port + "/_ping");
        assertThat(anonymous.exit).as("a client without the instance's certificate: " + anonymous.output).isNotZero();

        // WslCommands.requestStop writes "stop" into the fifo; from the host it is a file in the unpacked tree.
        Files.writeString(root.resolve("run/berth/control"), "stop\n");
        awaitStatus(root, layout, "STOPPED", Duration.ofSeconds(60));
        assertThat(guest.waitFor(30, TimeUnit.SECONDS)).as("the rc exits after its stop").isTrue();
        assertThat(VmProvider.readLines(layout.guestStatus())).containsSubsequence("BOOT", "STOPPING", "STOPPED clean");
        System.out.println("guest-status.log: " + VmProvider.readLines(layout.guestStatus()) + "\nconsole:\n" + Files.readString(layout.console()));
    }

    private void awaitStatus(Path root, VmLayout layout, String word, Duration timeout) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        while (VmProvider.readLines(layout.guestStatus()).stream().noneMatch(l -> l.startsWith(word))) {
            List<String> lines = VmProvider.readLines(layout.guestStatus());
            if (lines.stream().anyMatch(l -> l.startsWith("FAILED")) || !guest.isAlive() || System.nanoTime() > until) {
                throw new AssertionError("no " + word + " (status " + lines + "); console:\n" + (Files.exists(layout.console())
                        ? Files.readString(layout.console()) : "") + "\ndockerd log:\n" + tail(root.resolve("var/log-dockerd")));
            }
            Thread.sleep(200);
        }
    }

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "(none)";
        }
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    @AfterEach
    void cleanUp() throws IOException, InterruptedException {
        if (guest != null && guest.isAlive()) {
            // --kill-child: ending unshare ends the namespace's init and with it every process in it.
            guest.descendants().forEach(ProcessHandle::destroyForcibly);
            guest.destroyForcibly();
            guest.waitFor(20, TimeUnit.SECONDS);
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private record Run(int exit, String output) {}

    private static Run run(Duration timeout, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return new Run(-1, "timed out");
        }
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
    }
}
