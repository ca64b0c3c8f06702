package dev.berth.bridge.vm;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * QEMU: the accelerator probed for real ({@link AcceleratorProbe}, the result cached per QEMU binary and kernel),
 * the machine chosen by host ({@link MachineType}), the command line from {@link QemuCommandLine}. The VM runs
 * daemonized with a pid file; liveness is the pid (checked to still be this instance's QEMU, so a recycled pid is
 * not mistaken for it) plus a QMP {@code query-status}. A graceful stop writes "stop" to the guest's control
 * port; a forced one is QMP {@code quit}, then SIGKILL.
 */
public final class QemuProvider implements VmProvider {

    private final Path qemu;
    private final AcceleratorProbe probe;
    private final Path probeCache;
    private final long tscKhz;
    private final Optional<Path> virtiofsd;
    private final HostPlatform platform;

    public QemuProvider(Path qemu, AcceleratorProbe probe, Path probeCache, long tscKhz) {
        this(qemu, probe, probeCache, tscKhz, findVirtiofsd());
    }

    public QemuProvider(Path qemu, AcceleratorProbe probe, Path probeCache, long tscKhz, Optional<Path> virtiofsd) {
        this(HostPlatform.current(), qemu, probe, probeCache, tscKhz, virtiofsd);
    }

    public QemuProvider(HostPlatform platform, Path qemu, AcceleratorProbe probe, Path probeCache, long tscKhz, Optional<Path> virtiofsd) {
        this.platform = platform;
        this.qemu = qemu;
        this.probe = probe;
        this.probeCache = probeCache;
        this.tscKhz = tscKhz;
        this.virtiofsd = virtiofsd;
    }

    /**
     * A virtiofsd this user can run: {@code berth.vm.virtiofsd}, Debian's {@code /usr/libexec/virtiofsd} (the Rust
     * daemon, runs unprivileged), or, for root only, QEMU 7.2's own {@code /usr/lib/qemu/virtiofsd}.
     */
    static Optional<Path> findVirtiofsd() {
        String configured = System.getProperty("berth.vm.virtiofsd", System.getenv().getOrDefault("BERTH_VM_VIRTIOFSD", ""));
        if (!configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        Optional<Path> rust = Optional.of(Path.of("/usr/libexec/virtiofsd")).filter(Files::isExecutable);
        if (rust.isPresent()) {
            return rust;
        }
        return Optional.of(Path.of("/usr/lib/qemu/virtiofsd")).filter(Files::isExecutable).filter(p -> isRoot());
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static VirtiofsdCommandLine.Flavour flavour(Path virtiofsd) {
        return virtiofsd.toString().contains("/qemu/") ? VirtiofsdCommandLine.Flavour.QEMU_C : VirtiofsdCommandLine.Flavour.RUST;
    }

    /** QEMU from {@code berth.vm.qemu}, the PATH or the usual install folders (Homebrew, Program Files); the probe cache in the state folder. */
    public static QemuProvider standard(HostPlatform platform, Path stateDir) {
        String configured = System.getProperty("berth.vm.qemu", System.getenv().getOrDefault("BERTH_VM_QEMU", ""));
        Path binary = configured.isBlank() ? HostTools.system(platform).find(platform.qemuBinaryName()).orElse(Path.of(platform.qemuBinaryName()))
                : Path.of(configured);
        return new QemuProvider(platform, binary, AcceleratorProbe.standard(), stateDir.resolve("vm").resolve("accelerator.properties"), hostTscKhz(),
                platform.os() == HostPlatform.Os.LINUX ? findVirtiofsd() : Optional.empty());
    }

    /** How to install QEMU on this host. */
    static String installHint(HostPlatform platform) {
        return switch (platform.os()) {
            case MACOS -> "brew install qemu";
            case WINDOWS -> "winget install SoftwareFreedomConservancy.QEMU (7.2 or later, for AF_UNIX sockets)";
            case LINUX -> platform.arch() == HostPlatform.Arch.AARCH64 ? "apt-get install qemu-system-arm" : "apt-get install qemu-system-x86";
        };
    }

    @Override
    public String name() {
        return "qemu";
    }

    public Path qemu() {
        return qemu;
    }

    @Override
    public Optional<String> unavailable() {
        return Files.isExecutable(qemu) ? Optional.empty() : Optional.of("no QEMU at " + qemu + " (" + installHint(platform) + ")");
    }

    @Override
    public Plan plan(VmRequest request) {
        if (!Files.isExecutable(qemu)) {
            throw new VmException("find QEMU", "no QEMU at " + qemu + ": install it (" + installHint(request.platform()) + ") or point berth.vm.qemu at it");
        }
        List<String> notes = new ArrayList<>();
        Accelerator accelerator = accelerator(request, notes);
        MachineType machine = MachineType.choose(request.platform());
        List<VmShare> shares = request.settings().vmShares();
        FileSharing sharing = resolve(request.platform(), request.settings().fileSharing(), notes);
        List<Helper> helpers = new ArrayList<>();
        if (sharing == FileSharing.VIRTIOFS) {
            for (VmShare share : shares) {
                Path socket = request.layout().virtiofsSocket(share.tag());
                helpers.add(new Helper("virtiofsd " + share.tag() + " (" + share.hostPath() + ")",
                        VirtiofsdCommandLine.build(flavour(virtiofsd.orElseThrow()), virtiofsd.orElseThrow(), socket, share, isRoot()),
                        socket, request.layout().virtiofsLog(share.tag())));
            }
        }
        QemuLaunch launch = new QemuLaunch(request.platform(), qemu, accelerator, machine, request.settings(), request.image().kernel(),
                request.image().initramfs(), request.layout(), request.enginePort(), tscKhz, shares, sharing);
        return new Plan(request, QemuCommandLine.build(launch), accelerator.qemuName, machine.name().toLowerCase(), notes, helpers,
                shares.isEmpty() ? "none" : sharing.key);
    }

    private FileSharing resolve(HostPlatform platform, FileSharing wanted, List<String> notes) {
        if (wanted == FileSharing.NONE) {
            return wanted;
        }
        if (platform.os() == HostPlatform.Os.WINDOWS) {
            // QEMU's Windows builds have no virtfs (9p) and no vhost-user (virtiofs).
            notes.add("file sharing: none (QEMU for Windows has neither 9p nor virtiofs; WSL2 shares the drives under /mnt)");
            return FileSharing.NONE;
        }
        if (platform.os() == HostPlatform.Os.MACOS) {
            if (wanted == FileSharing.VIRTIOFS) {
                throw new VmException("choose file sharing", "virtiofs is not available with QEMU on macOS (no vhost-user there): use 9p"
                        + " ('berth vm settings --file-sharing 9p'), or install vfkit (brew install vfkit), which serves virtio-fs itself");
            }
            return FileSharing.NINE_P; // Homebrew's QEMU serves 9p on macOS since 7.0
        }
        if (wanted == FileSharing.NINE_P) {
            return wanted;
        }
        if (virtiofsd.isPresent()) {
            return FileSharing.VIRTIOFS;
        }
        if (wanted == FileSharing.VIRTIOFS) {
            throw new VmException("find virtiofsd", "file.sharing=virtiofs but no virtiofsd this user can run (Debian: apt-get install virtiofsd,"
                    + " or QEMU's /usr/lib/qemu/virtiofsd as root; or set berth.vm.virtiofsd): use 9p with 'berth vm settings --file-sharing 9p'");
        }
        notes.add("file sharing: 9p (no virtiofsd found)");
        return FileSharing.NINE_P;
    }

    /** The probe's answer, from the cache when QEMU, the kernel and /dev/kvm are what they were. */
    private Accelerator accelerator(VmRequest request, List<String> notes) {
        String key;
        try {
            key = qemu + "|" + Files.size(qemu) + "|" + Files.getLastModifiedTime(qemu).toMillis() + "|" + request.image().kernelVersion() + "|"
                    + Files.exists(Path.of("/dev/kvm"));
        } catch (IOException e) {
            key = "";
        }
        Properties cache = new Properties();
        if (Files.isRegularFile(probeCache)) {
            try (var reader = Files.newBufferedReader(probeCache)) {
                cache.load(reader);
            } catch (IOException e) {
                cache.clear();
            }
        }
        if (key.equals(cache.getProperty("key"))) {
            notes.add("accelerator " + cache.getProperty("chosen") + " (probed earlier: " + cache.getProperty("notes", "") + ")");
            return Accelerator.valueOf(cache.getProperty("chosen").toUpperCase());
        }
        AcceleratorProbe.Result result = probe.probe(request.platform(), qemu, request.image().kernel(), Path.of("/"));
        List<String> attempts = result.attempts().stream().map(a -> a.accelerator().qemuName + ": " + a.reason()).toList();
        notes.addAll(attempts);
        cache.setProperty("key", key);
        cache.setProperty("chosen", result.chosen().qemuName);
        cache.setProperty("notes", String.join("; ", attempts));
        try {
            Files.createDirectories(probeCache.getParent());
            try (var writer = Files.newBufferedWriter(probeCache)) {
                cache.store(writer, "which accelerator works here (delete to probe again)");
            }
        } catch (IOException e) {
            notes.add("(the probe result could not be cached: " + e.getMessage() + ")");
        }
        return result.chosen();
    }

    @Override
    public long start(Plan plan) {
        VmLayout layout = plan.request().layout();
        for (Helper helper : plan.helpers()) {
            startHelper(helper);
        }
        try {
            Files.deleteIfExists(layout.pidFile());
            Process process = new ProcessBuilder(plan.commandLine()).redirectErrorStream(true)
                    .redirectOutput(layout.qemuLog().toFile()).redirectInput(ProcessBuilder.Redirect.from(AcceleratorProbe.nullFile())).start();
            if (!plan.commandLine().contains("-daemonize")) {
                return awaitUndaemonized(process, layout);
            }
            // -daemonize: the first process exits once the VM is set up (devices opened, sockets listening).
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new VmException("start QEMU", "QEMU did not finish setting up within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new VmException("start QEMU", "QEMU refused to start (exit " + process.exitValue() + "): " + lastLines(layout.qemuLog(), 5));
            }
            // QEMU binds its monitor sockets with the umask's mode (0755 under 022); the 0700 folder kept them private
            // until now, and 0600 keeps them so should the folder ever be opened up.
            PrivatePaths.ownerOnly(layout.qmp());
            PrivatePaths.ownerOnly(layout.control());
            return readPid(layout).orElseThrow(() -> new VmException("start QEMU", "QEMU started but wrote no pid file " + layout.pidFile()));
        } catch (IOException e) {
            throw new VmException("start QEMU", "cannot run " + qemu + ": " + e.getMessage(), List.of(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VmException("start QEMU", "interrupted");
        }
    }

    /**
     * QEMU for Windows runs in the foreground (no {@code -daemonize}); a Windows child is not ended with its parent, so
     * it outlives this process anyway. Ready once its pid file exists (written after the devices are set up).
     */
    private static long awaitUndaemonized(Process process, VmLayout layout) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            Optional<Long> pid = readPid(layout);
            if (pid.isPresent()) {
                return pid.get();
            }
            if (!process.isAlive()) {
                throw new VmException("start QEMU", "QEMU refused to start (exit " + process.exitValue() + "): " + lastLines(layout.qemuLog(), 5));
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new VmException("start QEMU", "QEMU did not write its pid file " + layout.pidFile() + " within 60 s");
    }

    /** Starts a helper in its own session (it outlives this process, like QEMU) and waits for its socket. */
    private static void startHelper(Helper helper) {
        try {
            Files.deleteIfExists(helper.socket());
            List<String> command = new ArrayList<>();
            findOnPath("setsid").ifPresent(s -> command.add(s.toString()));
            command.addAll(helper.commandLine());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(helper.log().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!Files.exists(helper.socket())) {
                if (!process.isAlive()) {
                    throw new VmException("start " + helper.name(), "it exited (" + process.exitValue() + "): " + lastLines(helper.log(), 3));
                }
                if (System.nanoTime() > until) {
                    process.destroyForcibly();
                    throw new VmException("start " + helper.name(), "no socket " + helper.socket() + " after 15 s: " + lastLines(helper.log(), 3));
                }
                sleep(50);
            }
            PrivatePaths.ownerOnly(helper.socket());
        } catch (IOException e) {
            throw new VmException("start " + helper.name(), e.getMessage(), List.of(), e);
        }
    }

    @Override
    public StopOutcome stop(VmLayout layout, long pid, Duration graceful) {
        Optional<ProcessHandle> process = instanceProcess(layout, pid);
        if (process.isEmpty()) {
            return new StopOutcome(false, "was not running");
        }
        long deadline = System.nanoTime() + graceful.toNanos();
        String asked = "asked the guest to stop";
        long stoppedSeen = 0;
        long lastAsk = 0;
        SocketChannel control = null;
        try {
            while (System.nanoTime() < deadline) {
                if (!process.get().isAlive()) {
                    return new StopOutcome(false, asked + "; the guest powered off");
                }
                // Ask until the guest says STOPPING: a line written while the guest has the port closed may be lost.
                if (!guestSaid(layout, "STOPPING") && System.nanoTime() - lastAsk > Duration.ofSeconds(2).toNanos()) {
                    try {
                        if (control == null) {
                            control = SocketChannel.open(StandardProtocolFamily.UNIX);
                            control.connect(UnixDomainSocketAddress.of(layout.control()));
                        }
                        control.write(ByteBuffer.wrap("stop\n".getBytes(StandardCharsets.US_ASCII)));
                    } catch (IOException e) {
                        asked = "the control port did not answer (" + e.getMessage() + ")";
                        closeQuietly(control);
                        control = null;
                    }
                    lastAsk = System.nanoTime();
                }
                if (stoppedSeen == 0 && guestSaid(layout, "STOPPED")) {
                    stoppedSeen = System.nanoTime();
                }
                if (stoppedSeen != 0 && System.nanoTime() - stoppedSeen > Duration.ofSeconds(2).toNanos()) {
                    quit(layout); // the guest has unmounted its disk: ending QEMU now loses nothing
                }
                sleep(200);
            }
        } finally {
            closeQuietly(control);
        }
        boolean clean = guestSaid(layout, "STOPPED");
        quit(layout);
        if (!waitFor(process.get(), Duration.ofSeconds(5))) {
            process.get().destroyForcibly();
            waitFor(process.get(), Duration.ofSeconds(5));
        }
        return clean ? new StopOutcome(false, asked + "; the guest unmounted its disk, QEMU ended by QMP quit")
                : new StopOutcome(true, asked + "; forced after " + graceful.toSeconds() + " s (the guest had not finished stopping)");
    }

    @Override
    public ProcessState status(VmLayout layout, long pid) {
        if (instanceProcess(layout, pid).isEmpty()) {
            return ProcessState.GONE;
        }
        try (Qmp qmp = Qmp.connect(layout.qmp(), Duration.ofSeconds(3))) {
            String status = qmp.status();
            return status.equals("running") ? ProcessState.RUNNING : ProcessState.UNRESPONSIVE;
        } catch (IOException e) {
            return ProcessState.UNRESPONSIVE;
        }
    }

    /** The process with this pid, if it is still this instance's QEMU (its command line names the instance's pid file). */
    static Optional<ProcessHandle> instanceProcess(VmLayout layout, long pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> p.info().commandLine()
                .map(line -> line.contains(layout.pidFile().toString())).orElse(true));
    }

    static Optional<Long> readPid(VmLayout layout) {
        try {
            return Optional.of(Long.parseLong(Files.readString(layout.pidFile()).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static void quit(VmLayout layout) {
        try (Qmp qmp = Qmp.connect(layout.qmp(), Duration.ofSeconds(2))) {
            qmp.execute("quit");
        } catch (IOException e) {
            // already gone, or wedged: the caller kills it
        }
    }

    static boolean guestSaid(VmLayout layout, String word) {
        try {
            return Files.isRegularFile(layout.guestStatus()) && Files.readAllLines(layout.guestStatus()).stream().anyMatch(l -> l.startsWith(word));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean waitFor(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return !process.isAlive();
        }
    }

    static String lastLines(Path file, int count) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join(" / ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Optional<Path> findOnPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The host's TSC frequency in kHz for microvm's {@code tsc_early_khz}: {@code BERTH_TSC_KHZ}, else /proc/cpuinfo's "cpu MHz". */
    static long hostTscKhz() {
        String override = System.getenv("BERTH_TSC_KHZ");
        if (override != null && !override.isBlank()) {
            return Long.parseLong(override.strip());
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("cpu MHz")) {
                    return Math.round(Double.parseDouble(line.substring(line.indexOf(':') + 1).strip()) * 1000);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or an unusual cpuinfo
        }
        return 0;
    }

}
