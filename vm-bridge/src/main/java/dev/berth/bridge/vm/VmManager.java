package dev.berth.bridge.vm;

import dev.berth.bridge.discovery.HostEnvironment;
import dev.berth.compose.model.Project;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.transport.HttpClient;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The engine VM's lifecycle, one VM per profile, whatever the {@link VmProvider}. Start is a readiness state
 * machine under one overall deadline — verify the image, prepare the instance, start the hypervisor, the process
 * is alive (its monitor answers), the guest reports READY over virtio-serial, the engine answers {@code /_ping}
 * through the host socket clients use — and a failure names its step with the console's last lines. A VM whose
 * process vanished without a stop is {@link VmState#CRASHED}; the next start cleans up after it (stale pid file,
 * socket, relay) and boots again. The data disk is only ever created, never recreated: {@link #delete} alone
 * removes it, and only when asked.
 */
public final class VmManager {

    public static final Duration DEFAULT_START_DEADLINE = Duration.ofSeconds(180);
    public static final Duration DEFAULT_STOP_DEADLINE = Duration.ofSeconds(60);
    private static final int CONSOLE_TAIL = 15;

    private final Path stateDir;
    private final Path imageDir;
    private final Path dockerConfigDir;
    private final HostPlatform platform;
    /** The provider and why, chosen on first use: choosing may run {@code wsl.exe --status}, which a bind-mount check never needs. */
    private final Supplier<Selected> selected;

    private record Selected(VmProvider provider, ProviderChoice choice) {}

    public VmManager(Path stateDir, Path imageDir, Path dockerConfigDir, HostPlatform platform, VmProvider provider) {
        this(stateDir, imageDir, dockerConfigDir, platform, provider, new ProviderChoice(ProviderKind.QEMU, "probed at start", List.of()));
    }

    /** @param choice why this provider was picked (shown by {@code berth vm status}) */
    public VmManager(Path stateDir, Path imageDir, Path dockerConfigDir, HostPlatform platform, VmProvider provider, ProviderChoice choice) {
        this(stateDir, imageDir, dockerConfigDir, platform, () -> new Selected(provider, choice));
    }

    private VmManager(Path stateDir, Path imageDir, Path dockerConfigDir, HostPlatform platform, Supplier<Selected> select) {
        this.stateDir = stateDir;
        this.imageDir = imageDir;
        this.dockerConfigDir = dockerConfigDir;
        this.platform = platform;
        Selected[] once = new Selected[1];
        this.selected = () -> {
            synchronized (once) {
                if (once[0] == null) {
                    once[0] = select.get();
                }
                return once[0];
            }
        };
    }

    public VmProvider provider() {
        return selected.get().provider();
    }

    public ProviderChoice providerChoice() {
        return selected.get().choice();
    }

    /**
     * The manager for this machine: the state folder from {@link dev.berth.bridge.discovery.HostEnvironment#berthStateDir()},
     * the image from {@code berth.vm.image} / {@code BERTH_VM_IMAGE}, else {@code <berth.home>/packaging/target/vm-image}
     * (what {@code berth vm build-image} writes), the provider {@link ProviderSelector} picks for this host.
     */
    public static VmManager standard(HostEnvironment environment) {
        HostPlatform platform = HostPlatform.current();
        Path state = environment.berthStateDir();
        Path image = defaultImageDir(environment);
        String override = System.getProperty("berth.vm.provider", environment.variable("BERTH_VM_PROVIDER").orElse(""));
        return new VmManager(state, image, environment.dockerConfigDir(), platform, () -> select(platform, state, image, override));
    }

    /** An override that cannot apply here (vfkit on Linux, a typo) is reported among the reasons, not thrown: the GUI and {@code up} must still run. */
    private static Selected select(HostPlatform platform, Path state, Path image, String override) {
        HostTools tools = HostTools.system(platform);
        ProviderChoice choice;
        try {
            choice = ProviderSelector.choose(platform, tools, ProviderKind.parse(override));
        } catch (IllegalArgumentException e) {
            ProviderChoice auto = ProviderSelector.choose(platform, tools, Optional.empty());
            List<String> reasons = new ArrayList<>(List.of(e.getMessage() + " (ignored: chose automatically)"));
            reasons.addAll(auto.reasons());
            choice = new ProviderChoice(auto.kind(), auto.accelerator(), reasons);
        }
        VmProvider provider = switch (choice.kind()) {
            case QEMU -> QemuProvider.standard(platform, state);
            case VFKIT -> VfkitProvider.standard(platform, tools);
            case WSL2 -> WslProvider.standard(tools, image);
        };
        return new Selected(provider, choice);
    }

    public static Path defaultImageDir(HostEnvironment environment) {
        String image = System.getProperty("berth.vm.image", environment.variable("BERTH_VM_IMAGE").orElse(""));
        if (!image.isBlank()) {
            return Path.of(image);
        }
        return berthHome().resolve("packaging/target/vm-image");
    }

    /** The source tree the launcher runs from ({@code berth.home}, set by {@code ./berth}), else the working folder. */
    public static Path berthHome() {
        return Path.of(System.getProperty("berth.home", ".")).toAbsolutePath().normalize();
    }

    /** The profile whose host socket this is, if the socket is one of this manager's VMs. */
    public Optional<String> profileOfSocket(Path socket) {
        Path normal = socket.toAbsolutePath().normalize();
        Path parent = normal.getParent();
        if (parent == null || !normal.getFileName().toString().equals("docker.sock") || !stateDir.resolve("vm").toAbsolutePath().normalize()
                .equals(parent.getParent())) {
            return Optional.empty();
        }
        return Optional.of(parent.getFileName().toString());
    }

    /**
     * The refusal for a project's bind mounts outside the shares of the VM behind {@code socket}, or empty when
     * the socket is not Berth's VM or every bind mount is shared. Called before anything is created.
     */
    public Optional<String> bindMountRefusal(Path socket, Project project) {
        return profileOfSocket(socket).map(profile -> {
            List<VmShare> shares = settings(profile).vmShares();
            return BindMountCheck.message(BindMountCheck.outside(project, shares), shares, profile, layout(profile).settingsFile());
        });
    }

    public VmLayout layout(String profile) {
        return VmLayout.of(stateDir, profile);
    }

    public Path imageDir() {
        return imageDir;
    }

    /** The profiles that have an instance folder. */
    public List<String> profiles() {
        Path vms = stateDir.resolve("vm");
        if (!Files.isDirectory(vms)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(vms)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    // ---------------------------------------------------------------- status

    public VmStatus status(String profile) {
        VmLayout layout = layout(profile);
        if (!Files.isDirectory(layout.dir())) {
            return new VmStatus(profile, VmState.ABSENT, 0, layout.engineSocket().toString(), DockerContexts.contextName(profile), null, null, 0,
                    VmSettings.load(layout.settingsFile()), null, null, "never started", 0, List.of(), provider().name(), providerChoice().reasons());
        }
        InstanceState state = InstanceState.read(layout.stateFile());
        VmState vmState;
        String detail;
        if (state.pid() == 0) {
            vmState = VmState.STOPPED;
            detail = "stopped";
        } else {
            switch (provider().status(layout, state.pid())) {
                case GONE -> {
                    vmState = VmState.CRASHED;
                    detail = processName() + " (pid " + state.pid() + ") is gone although it was not stopped; 'berth vm start' boots it again";
                }
                case UNRESPONSIVE -> {
                    vmState = VmState.DEGRADED;
                    detail = processName() + " (pid " + state.pid() + ") runs but its monitor does not answer";
                }
                default -> {
                    String engine = pingEngine(layout.engineSocket(), Duration.ofSeconds(5));
                    vmState = engine == null ? VmState.RUNNING : VmState.DEGRADED;
                    detail = engine == null ? "the engine answers on " + layout.engineSocket() : engine;
                }
            }
        }
        return new VmStatus(profile, vmState, state.pid(), layout.engineSocket().toString(), DockerContexts.contextName(profile), state.accelerator(),
                state.machine(), state.enginePort(), VmSettings.load(layout.settingsFile()), state.startedAt(), state.lastStop(), detail,
                allocatedBytes(layout.dataDisk()), state.notes(), provider().name(), providerChoice().reasons());
    }

    /** How messages name the VM's process: "QEMU", "vfkit", "wsl2". */
    private String processName() {
        return provider().name().equals("qemu") ? "QEMU" : provider().name();
    }

    // ---------------------------------------------------------------- start

    /**
     * Why {@link #start} cannot work on this machine (no hypervisor, no image), or empty when it can: the GUI offers
     * "Start Berth's engine" only then.
     */
    public Optional<String> whyCannotStart() {
        Optional<String> missing = provider().unavailable();
        if (missing.isPresent()) {
            return missing;
        }
        try {
            VmImage.load(imageDir);
            return Optional.empty();
        } catch (VmException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Boots the profile's VM (or returns at once when it already runs); {@code progress} hears each step. */
    public VmStatus start(String profile, Duration deadline, Consumer<String> progress) {
        long until = System.nanoTime() + deadline.toNanos();
        VmLayout layout = layout(profile);
        VmStatus before = status(profile);
        if (before.state() == VmState.RUNNING) {
            progress.accept("already running (pid " + before.pid() + ")");
            return before;
        }
        if (before.state() == VmState.DEGRADED) {
            InstanceState current = InstanceState.read(layout.stateFile());
            boolean relayAlive = current.relayPid() > 0 && ProcessHandle.of(current.relayPid()).map(ProcessHandle::isAlive).orElse(false);
            boolean relayMissing = provider().engineAccess() == VmProvider.EngineAccess.TLS_RELAY && !relayAlive
                    && provider().status(layout, current.pid()) == VmProvider.ProcessState.RUNNING;
            if (!relayMissing) {
                throw new VmException("check the current state", before.detail() + ": stop it first ('berth vm stop' or 'berth vm restart')");
            }
            // QEMU runs but its relay does not (the Berth that started it was killed mid-start): reattach.
            step(progress, "engine socket relay (QEMU pid " + current.pid() + " runs without one)", until);
            long relayPid = startRelay(layout, current.enginePort(), current.pid(), until);
            step(progress, "engine answers /_ping on " + layout.engineSocket(), until);
            awaitEngine(layout, current.pid(), until);
            new InstanceState(current.pid(), relayPid, current.enginePort(), current.accelerator(), current.machine(), current.startedAt(),
                    current.lastStop(), current.notes()).write(layout.stateFile());
            return status(profile);
        }
        String recovered = null;
        if (before.state() == VmState.CRASHED) {
            recovered = "crashed: " + processName() + " (pid " + before.pid() + ") ended without a stop";
            progress.accept("the previous run " + recovered + "; cleaning up and starting again");
            InstanceState.read(layout.stateFile()).stopped(recovered).write(layout.stateFile());
        }

        step(progress, "verify the image", until);
        VmImage image = VmImage.load(imageDir);
        image.verify();
        if (!image.arch().isEmpty() && !image.arch().equals(platform.arch().qemuName)) {
            throw new VmException("verify the image", imageDir + " is an " + image.arch() + " image and this VM runs " + platform.arch().qemuName
                    + " (" + platform.qemuBinaryName() + "): build that one (ARCH=" + (platform.arch() == HostPlatform.Arch.AARCH64 ? "arm64" : "amd64")
                    + " packaging/vm/build-image.sh)");
        }

        step(progress, "prepare the instance", until);
        VmSettings settings = prepare(layout);
        cleanUp(layout);
        int port = freePort();
        VmProvider.Plan plan = provider().plan(new VmProvider.VmRequest(platform, settings, image, layout, port));
        plan.probeNotes().forEach(note -> progress.accept("  " + note));
        writeShares(layout, settings, plan, provider().name());
        List<String> notes = new ArrayList<>(plan.probeNotes());

        step(progress, "start " + provider().name() + " (" + plan.accelerator() + ", " + plan.machine() + ", " + settings.cpus() + " CPUs, "
                + settings.memoryMiB() + " MiB, file sharing " + plan.fileSharing() + " " + settings.vmShares().stream().map(v -> v.hostPath().toString()).toList()
                + ")", until);
        long started = System.nanoTime();
        long pid = provider().start(plan);
        InstanceState previous = InstanceState.read(layout.stateFile());
        InstanceState state = new InstanceState(pid, 0, port, plan.accelerator(), plan.machine(), Instant.now().toString(),
                previous.lastStop(), notes);
        state.write(layout.stateFile());
        try {
            step(progress, "process alive", until);
            awaitProcess(layout, pid, until);

            step(progress, "guest reports READY", until);
            String ready = awaitGuestReady(layout, pid, until);
            notes.add("guest " + ready + " s after its kernel started; " + millis(started) + " ms after QEMU started");

            long relayPid = 0;
            if (provider().engineAccess() == VmProvider.EngineAccess.TLS_RELAY) {
                step(progress, "engine socket relay", until);
                relayPid = startRelay(layout, port, pid, until);
            }
            state = new InstanceState(pid, relayPid, port, plan.accelerator(), plan.machine(), state.startedAt(), previous.lastStop(), notes);
            state.write(layout.stateFile());

            step(progress, "engine answers /_ping on " + layout.engineSocket(), until);
            awaitEngine(layout, pid, until);
            notes.add("boot to /_ping " + millis(started) + " ms");
            if (provider().forwardsPortsWithSockets()) {
                step(progress, "port forwarder (published ports on 127.0.0.1)", until);
                relayPid = startPortForwarder(layout, pid, until);
            }
            state = new InstanceState(pid, relayPid, port, plan.accelerator(), plan.machine(), state.startedAt(), previous.lastStop(), notes);
            state.write(layout.stateFile());
        } catch (VmException e) {
            progress.accept("start failed; stopping the half-started VM");
            provider().stop(layout, pid, Duration.ofSeconds(10));
            InstanceState.read(layout.stateFile()).stopped("failed to start: " + e.getMessage()).write(layout.stateFile());
            throw e;
        }
        try {
            DockerContexts.write(dockerConfigDir, profile, layout.engineSocket());
        } catch (IOException e) {
            progress.accept("(the docker context could not be written: " + e.getMessage() + ")");
        }
        progress.accept("ready in " + millis(started) + " ms: export DOCKER_HOST=unix://" + layout.engineSocket() + "  or  --context "
                + DockerContexts.contextName(profile));
        return status(profile);
    }

    private static void step(Consumer<String> progress, String step, long until) {
        if (System.nanoTime() > until) {
            throw new VmException(step, "the start deadline passed before this step");
        }
        progress.accept(step);
    }

    private VmSettings prepare(VmLayout layout) {
        try {
            PrivatePaths.folder(layout.dir());
            VmSettings settings = VmSettings.load(layout.settingsFile());
            if (!Files.isRegularFile(layout.settingsFile())) {
                settings.save(layout.settingsFile());
            }
            if (!Files.isRegularFile(layout.tlsDir().resolve("key.pem")) || !Files.isRegularFile(layout.configDisk())) {
                InstanceCertificates certificates = InstanceCertificates.generate(layout.profile());
                ConfigArchive.forInstance(layout.profile(), certificates).write(layout.configDisk());
                certificates.writeClient(layout.tlsDir());
            }
            long wanted = settings.diskGiB() * (1L << 30);
            if (provider().usesDataDisk() && !Files.exists(layout.dataDisk())) {
                // Sparse: the file takes only what the guest writes; the guest formats it on first boot. SPARSE matters on
                // NTFS (a file extended without the sparse flag takes its whole size); ext4 and APFS are sparse anyway.
                try (var disk = Files.newByteChannel(layout.dataDisk(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SPARSE)) {
                    disk.position(wanted - 1).write(ByteBuffer.wrap(new byte[1]));
                }
                InstanceCertificates.restrict(layout.dataDisk(), "rw-------");
            } else if (Files.size(layout.dataDisk()) < wanted) {
                // Grown in the settings: a longer sparse file; the guest grows its ext4 to it online (resize2fs) after mounting.
                try (RandomAccessFile disk = new RandomAccessFile(layout.dataDisk().toFile(), "rw")) {
                    disk.setLength(wanted);
                }
            }
            return settings;
        } catch (IOException e) {
            throw new VmException("prepare the instance", "cannot write " + layout.dir() + ": " + e.getMessage(), List.of(), e);
        }
    }

    /** The shares the guest mounts, into the config disk (its certificates kept). */
    private static void writeShares(VmLayout layout, VmSettings settings, VmProvider.Plan plan, String providerName) {
        FileSharing sharing = plan.fileSharing().equals(FileSharing.VIRTIOFS.key) ? FileSharing.VIRTIOFS
                : plan.fileSharing().equals(FileSharing.NONE.key) ? FileSharing.NONE : FileSharing.NINE_P;
        try {
            ConfigArchive.read(layout.configDisk()).withShares(settings.vmShares(), sharing).withNetwork(settings.openNetwork())
                    .withProvider(providerName, plan.guestSettings()).write(layout.configDisk());
        } catch (IOException e) {
            throw new VmException("prepare the instance", "cannot write the shares into " + layout.configDisk() + ": " + e.getMessage(), List.of(), e);
        }
    }

    /** What a killed run left behind: the pid file, sockets, a relay still holding the socket; and the console is rotated. */
    private static void cleanUp(VmLayout layout) {
        try {
            readLong(layout.relayPidFile()).flatMap(ProcessHandle::of)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(RelayMain.class.getName()) && c.contains(layout.dir().toString())).orElse(false))
                    .ifPresent(ProcessHandle::destroy);
            for (Path stale : List.of(layout.pidFile(), layout.relayPidFile(), layout.engineSocket(), layout.qmp(), layout.control(), layout.guestStatus())) {
                Files.deleteIfExists(stale);
            }
            if (Files.exists(layout.console())) {
                Files.move(layout.console(), layout.previousConsole(), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new VmException("prepare the instance", "cannot clean up " + layout.dir() + ": " + e.getMessage(), List.of(), e);
        }
    }

    private void awaitProcess(VmLayout layout, long pid, long until) {
        while (true) {
            VmProvider.ProcessState state = provider().status(layout, pid);
            if (state == VmProvider.ProcessState.RUNNING) {
                return;
            }
            if (state == VmProvider.ProcessState.GONE) {
                throw failure(layout, "process alive", processName() + " exited right after starting: " + QemuProvider.lastLines(provider().log(layout), 5));
            }
            checkDeadline(layout, "process alive", until);
            sleep(100);
        }
    }

    private String awaitGuestReady(VmLayout layout, long pid, long until) {
        while (true) {
            for (String line : provider().guestStatus(layout)) {
                if (line.startsWith("READY")) {
                    return line.substring(5).strip();
                }
                if (line.startsWith("FAILED")) {
                    throw failure(layout, "guest reports READY", "the guest says: " + line.substring(6).strip());
                }
            }
            if (provider().status(layout, pid) == VmProvider.ProcessState.GONE) {
                throw failure(layout, "guest reports READY", processName() + " exited while the guest was booting");
            }
            checkDeadline(layout, "guest reports READY", until);
            sleep(200);
        }
    }

    /** {@link RelayMain} as a small detached JVM: {@code <instance dir> <port> <hypervisor pid>} and the mode's flags. */
    private static List<String> relayCommand(VmLayout layout, int port, long hypervisorPid) {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        Optional<Path> setsid = QemuProvider.findOnPath("setsid");
        setsid.ifPresent(s -> command.add(s.toString())); // its own session: a Ctrl-C in the terminal that started it does not end it
        command.addAll(List.of(java, "-Xmx24m", "-Xss256k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), RelayMain.class.getName(), layout.dir().toString(), String.valueOf(port),
                String.valueOf(hypervisorPid)));
        return command;
    }

    /**
     * vfkit: {@link RelayMain} with {@link RelayMain#PORTS_ONLY}, forwarding published ports from 127.0.0.1 to the guest's
     * NAT address; it keeps the relay's pid file, so a stop waits for it and a new start ends a stale one.
     */
    private long startPortForwarder(VmLayout layout, long hypervisorPid, long until) {
        List<String> command = relayCommand(layout, 0, hypervisorPid);
        command.add(RelayMain.PORTS_ONLY);
        try {
            Files.deleteIfExists(layout.relayPidFile());
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(layout.relayLog().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(AcceleratorProbe.nullFile())).start();
        } catch (IOException e) {
            throw failure(layout, "port forwarder", "cannot start the port forwarder: " + e.getMessage());
        }
        while (true) {
            Optional<Long> pid = readLong(layout.relayPidFile());
            if (pid.isPresent()) {
                return pid.get();
            }
            checkDeadline(layout, "port forwarder", until);
            sleep(100);
        }
    }

    private long startRelay(VmLayout layout, int port, long qemuPid, long until) {
        List<String> command = relayCommand(layout, port, qemuPid);
        if (!provider().forwardsPortsOverQmp()) {
            command.add(RelayMain.NO_PORT_FORWARDS);
        }
        try {
            Files.deleteIfExists(layout.relayPidFile()); // a killed relay's pid file and socket must not pass for the new one's
            Files.deleteIfExists(layout.engineSocket());
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(layout.relayLog().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(AcceleratorProbe.nullFile())).start();
        } catch (IOException e) {
            throw failure(layout, "engine socket relay", "cannot start the relay: " + e.getMessage());
        }
        while (true) {
            Optional<Long> pid = readLong(layout.relayPidFile());
            if (pid.isPresent() && Files.exists(layout.engineSocket())) {
                return pid.get();
            }
            checkDeadline(layout, "engine socket relay", until);
            sleep(100);
        }
    }

    private void awaitEngine(VmLayout layout, long pid, long until) {
        String last = null;
        while (true) {
            last = pingEngine(layout.engineSocket(), Duration.ofSeconds(10));
            if (last == null) {
                return;
            }
            if (provider().status(layout, pid) == VmProvider.ProcessState.GONE) {
                throw failure(layout, "engine answers /_ping", processName() + " exited");
            }
            if (System.nanoTime() > until) {
                throw failure(layout, "engine answers /_ping", "no answer through " + layout.engineSocket() + " before the deadline: " + last
                        + " (relay log: " + QemuProvider.lastLines(layout.relayLog(), 3) + ")");
            }
            sleep(250);
        }
    }

    /** Null when the engine answered ping and version through the socket; else why not. */
    static String pingEngine(Path socket, Duration timeout) {
        if (!Files.exists(socket)) {
            return "the engine socket " + socket + " does not exist (the relay is not running)";
        }
        HttpClient.Options options = new HttpClient.Options(timeout, timeout, 1);
        try (EngineClient client = EngineClient.connect(new EngineEndpoint.Unix(socket), options)) {
            return null;
        } catch (EngineException e) {
            return e.getMessage();
        }
    }

    private void checkDeadline(VmLayout layout, String step, long until) {
        if (System.nanoTime() > until) {
            throw failure(layout, step, "the start deadline passed");
        }
    }

    private VmException failure(VmLayout layout, String step, String message) {
        return new VmException(step, message, consoleTail(layout, CONSOLE_TAIL), null);
    }

    // ---------------------------------------------------------------- stop, delete, logs, settings

    /** Stops the VM: gracefully (the guest unmounts its disk) within {@code deadline}, then forced. */
    public VmProvider.StopOutcome stop(String profile, Duration deadline) {
        VmLayout layout = layout(profile);
        InstanceState state = InstanceState.read(layout.stateFile());
        if (state.pid() == 0 || !Files.isDirectory(layout.dir())) {
            return new VmProvider.StopOutcome(false, "was not running");
        }
        if (provider().status(layout, state.pid()) == VmProvider.ProcessState.GONE) {
            state.stopped("crashed: " + processName() + " (pid " + state.pid() + ") had already ended").write(layout.stateFile());
            cleanUp(layout);
            return new VmProvider.StopOutcome(false, processName() + " had already ended (crashed or killed)");
        }
        VmProvider.StopOutcome outcome = provider().stop(layout, state.pid(), deadline);
        String guest = provider().guestStatus(layout).stream().filter(l -> l.startsWith("STOPPED")).findFirst().orElse("");
        String how = outcome.forced() ? "forced: " + outcome.how() : "clean" + (guest.isEmpty() ? "" : " (guest: " + guest.substring(7).strip() + ")");
        state.stopped(how).write(layout.stateFile());
        readLong(layout.relayPidFile()).flatMap(ProcessHandle::of).ifPresent(relay -> {
            try {
                relay.onExit().get(3, TimeUnit.SECONDS);
            } catch (Exception e) {
                relay.destroy();
            }
        });
        return outcome;
    }

    /** Removes the instance: its data disk (every image, container and volume in the VM), certificates and logs. */
    public void delete(String profile) {
        VmLayout layout = layout(profile);
        if (InstanceState.read(layout.stateFile()).pid() != 0 && provider().status(layout, InstanceState.read(layout.stateFile()).pid())
                != VmProvider.ProcessState.GONE) {
            throw new VmException("delete", "the VM '" + profile + "' is running: stop it first");
        }
        provider().delete(layout);
        try {
            if (Files.isDirectory(layout.dir())) {
                try (Stream<Path> files = Files.walk(layout.dir())) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            DockerContexts.remove(dockerConfigDir, profile);
        } catch (IOException e) {
            throw new VmException("delete", "cannot remove " + layout.dir() + ": " + e.getMessage(), List.of(), e);
        }
    }

    /** The console's last {@code count} lines (the current boot, or the previous one when none runs). */
    public List<String> consoleTail(String profile, int count) {
        return consoleTail(layout(profile), count);
    }

    private static List<String> consoleTail(VmLayout layout, int count) {
        Path file = Files.exists(layout.console()) ? layout.console() : layout.previousConsole();
        List<String> lines = readLines(file).stream().map(l -> l.replace("\r", "")).filter(l -> !l.isBlank()).toList();
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }

    public VmSettings settings(String profile) {
        return VmSettings.load(layout(profile).settingsFile());
    }

    /**
     * Stores new settings; they apply at the next start. The data disk may grow (the next start extends the file and
     * the guest grows its file system) but never shrink: a smaller size than the disk has is refused, with a sentence.
     */
    public void saveSettings(String profile, VmSettings settings) {
        shrinkRefusal(profile, settings.diskGiB()).ifPresent(message -> {
            throw new VmException("change the settings", message);
        });
        settings.save(layout(profile).settingsFile());
    }

    /** Why the data disk cannot take {@code diskGiB} (it is bigger already), or empty when it can. */
    public Optional<String> shrinkRefusal(String profile, int diskGiB) {
        Path disk = layout(profile).dataDisk();
        try {
            long current = Files.exists(disk) ? Files.size(disk) : 0;
            if (current > (long) diskGiB << 30) {
                long gib = current >> 30;
                return Optional.of("The data disk cannot shrink: it is " + gib + " GiB and holds the VM's images, containers and volumes."
                        + " Choose " + gib + " GiB or more, or delete the VM (and everything in it) to start again with a smaller disk.");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.ISO_8859_1) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Optional<Long> readLong(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The blocks a sparse file really takes (du), or its size where du is not available. */
    static long allocatedBytes(Path file) {
        if (!Files.exists(file)) {
            return 0;
        }
        try {
            Process du = new ProcessBuilder("du", "-k", file.toString()).redirectErrorStream(true).start();
            String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (du.waitFor() == 0) {
                return Long.parseLong(out.split("\\s+")[0]) * 1024;
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VmException("wait", "interrupted");
        }
    }
}
