package dev.berth.bridge.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * WSL2 on Windows: the engine runs in a {@code Berth} distro imported from the rootfs tarball
 * ({@code packaging/vm/build-wsl-rootfs.sh}: the VM image's own tree plus {@code /etc/berth/wsl-rc} and
 * {@code /etc/wsl.conf}), with the commands of {@link WslCommands}.
 * <ul>
 * <li>Start: imports the distro on first use, then runs {@code wsl.exe -d Berth -u root --exec /bin/sh
 *     /etc/berth/wsl-rc /mnt/c/…/<instance>} in the foreground: the rc unpacks the instance's {@code config.tar}
 *     (certificates, settings), starts dockerd and reports to {@code guest-status.log} in the instance folder, which it
 *     reaches through {@code /mnt/c}. That {@code wsl.exe} is "the VM process": its pid is the instance's pid.</li>
 * <li>The engine: dockerd listens on {@code tcp://127.0.0.1:<port>} with {@code --tlsverify}; WSL2's localhost
 *     forwarding makes the port Windows' own 127.0.0.1, and {@link RelayMain} relays the instance's
 *     {@code docker.sock} (AF_UNIX, which Windows 10 1803+ and Java have) to it over mutual TLS: the QEMU design,
 *     because a named pipe has no server API in Java and a plain loopback port is open to every local user. Published
 *     ports need no QMP: WSL forwards the distro's listening ports to Windows' localhost.</li>
 * <li>Stop: "stop" into the rc's fifo; the rc stops dockerd and exits; then {@code wsl.exe --terminate}. Delete:
 *     {@code wsl.exe --unregister} (the distro's disk, every image and volume).</li>
 * </ul>
 */
public final class WslProvider implements VmProvider {

    static final Duration SHORT = Duration.ofSeconds(30);
    static final Duration IMPORT = Duration.ofMinutes(5);
    private static final Duration STATUS_REUSE = Duration.ofSeconds(3);

    private record CachedState(long pid, ProcessState state, long at) {}

    private final Path wsl;
    private final Path rootfs;
    private final HostTools tools;
    private volatile CachedState lastState;

    public WslProvider(Path wsl, Path rootfs, HostTools tools) {
        this.wsl = wsl;
        this.rootfs = rootfs;
        this.tools = tools;
    }

    /** {@code wsl.exe} from System32 or the PATH; the rootfs from {@code berth.vm.wslRootfs}, else {@code <image>/wsl-rootfs.tar}. */
    public static WslProvider standard(HostTools tools, Path imageDir) {
        String configured = System.getProperty("berth.vm.wslRootfs", System.getenv().getOrDefault("BERTH_VM_WSL_ROOTFS", ""));
        return new WslProvider(tools.find("wsl.exe").orElse(Path.of("wsl.exe")), configured.isBlank() ? imageDir.resolve("wsl-rootfs.tar")
                : Path.of(configured), tools);
    }

    @Override
    public String name() {
        return "wsl2";
    }

    WslCommands commands(VmLayout layout) {
        return new WslCommands(wsl, layout.profile());
    }

    @Override
    public Optional<String> unavailable() {
        Optional<String> why = ProviderSelector.wslUnavailable(tools);
        if (why.isPresent()) {
            return why;
        }
        return Files.isRegularFile(rootfs) ? Optional.empty()
                : Optional.of("no WSL rootfs at " + rootfs + ": build it with packaging/vm/build-wsl-rootfs.sh (or set berth.vm.wslRootfs)");
    }

    @Override
    public Plan plan(VmRequest request) {
        WslCommands wslCommands = commands(request.layout());
        List<String> notes = new ArrayList<>();
        notes.add("distro " + wslCommands.distro() + " in " + request.layout().wslDir() + "; Windows drives are at /mnt/<drive> in it");
        if (!request.settings().shares().isEmpty()) {
            notes.add("file sharing: WSL's own (/mnt/c …); the shares setting applies to QEMU and vfkit");
        }
        return new Plan(request, wslCommands.start(request.layout()), "wsl2", "wsl2 distro " + wslCommands.distro(), notes, List.of(), "none",
                guestSettings(request.enginePort()));
    }

    /** The rc's settings: the loopback port dockerd listens on (with TLS), and that it runs in WSL. */
    static Map<String, String> guestSettings(int enginePort) {
        return Map.of("BERTH_ENGINE_PORT", String.valueOf(enginePort));
    }

    @Override
    public boolean forwardsPortsOverQmp() {
        return false;
    }

    @Override
    public boolean usesDataDisk() {
        return false;
    }

    @Override
    public Path log(VmLayout layout) {
        return layout.console();
    }

    @Override
    public long start(Plan plan) {
        VmLayout layout = plan.request().layout();
        WslCommands wslCommands = commands(layout);
        ensureImported(layout, wslCommands);
        try {
            ProcessBuilder builder = new ProcessBuilder(plan.commandLine()).redirectErrorStream(true).redirectOutput(layout.console().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(AcceleratorProbe.nullFile()));
            builder.environment().put("WSL_UTF8", "1");
            Process process = builder.start();
            Thread.sleep(500);
            if (!process.isAlive()) {
                throw new VmException("start WSL2", "wsl.exe exited (" + process.exitValue() + "): " + QemuProvider.lastLines(layout.console(), 5));
            }
            return process.pid();
        } catch (IOException e) {
            throw new VmException("start WSL2", "cannot run " + wsl + ": " + e.getMessage(), List.of(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VmException("start WSL2", "interrupted");
        }
    }

    /** Imports the distro from the rootfs tarball unless {@code wsl --list} already names it. */
    void ensureImported(VmLayout layout, WslCommands wslCommands) {
        AcceleratorProbe.Runner.Outcome list = run("list the WSL distros", wslCommands.list(), SHORT);
        if (list.exitCode() == 0 && wslCommands.listed(list.output())) {
            return;
        }
        if (!Files.isRegularFile(rootfs)) {
            throw new VmException("import the WSL distro", "no rootfs at " + rootfs + ": build it with packaging/vm/build-wsl-rootfs.sh");
        }
        try {
            Files.createDirectories(layout.wslDir());
        } catch (IOException e) {
            throw new VmException("import the WSL distro", "cannot create " + layout.wslDir() + ": " + e.getMessage(), List.of(), e);
        }
        AcceleratorProbe.Runner.Outcome imported = run("import the WSL distro", wslCommands.importDistro(layout.wslDir(), rootfs), IMPORT);
        if (imported.exitCode() != 0) {
            throw new VmException("import the WSL distro", "wsl.exe --import exited " + imported.exitCode() + ": "
                    + WslCommands.decode(imported.output()).strip());
        }
    }

    private AcceleratorProbe.Runner.Outcome run(String step, List<String> command, Duration timeout) {
        try {
            AcceleratorProbe.Runner.Outcome outcome = tools.run(command, timeout);
            if (outcome.timedOut()) {
                throw new VmException(step, String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
            }
            return outcome;
        } catch (IOException e) {
            throw new VmException(step, "cannot run " + String.join(" ", command) + ": " + e.getMessage(), List.of(), e);
        }
    }

    @Override
    public StopOutcome stop(VmLayout layout, long pid, Duration graceful) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        WslCommands wslCommands = commands(layout);
        if (process.isEmpty()) {
            return new StopOutcome(false, "was not running");
        }
        String asked = "asked the guest to stop";
        try {
            tools.run(wslCommands.requestStop(), SHORT);
        } catch (IOException e) {
            asked = "could not ask the guest to stop (" + e.getMessage() + ")";
        }
        boolean ended = waitFor(process.get(), graceful);
        boolean clean = ended && guestStatus(layout).stream().anyMatch(l -> l.startsWith("STOPPED"));
        try {
            tools.run(wslCommands.terminate(), SHORT);
        } catch (IOException e) {
            // the distro may already be stopped
        }
        if (!ended) {
            process.get().destroyForcibly();
        }
        return clean ? new StopOutcome(false, asked + "; dockerd stopped, the distro was terminated")
                : new StopOutcome(true, asked + "; terminated after " + graceful.toSeconds() + " s (the guest had not finished stopping)");
    }

    /**
     * The wsl.exe process alive and the distro in {@code wsl --list --running}. VmManager polls this every few hundred
     * milliseconds while it waits for the guest, and each list is a wsl.exe start: a verdict is reused for 3 s.
     */
    @Override
    public ProcessState status(VmLayout layout, long pid) {
        if (pid <= 0 || ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
            return ProcessState.GONE;
        }
        CachedState cached = lastState;
        if (cached != null && cached.pid() == pid && System.nanoTime() - cached.at() < STATUS_REUSE.toNanos()) {
            return cached.state();
        }
        ProcessState state;
        try {
            AcceleratorProbe.Runner.Outcome running = tools.run(commands(layout).listRunning(), SHORT);
            state = !running.timedOut() && commands(layout).listed(running.output()) ? ProcessState.RUNNING : ProcessState.UNRESPONSIVE;
        } catch (IOException e) {
            state = ProcessState.UNRESPONSIVE;
        }
        lastState = new CachedState(pid, state, System.nanoTime());
        return state;
    }

    @Override
    public void delete(VmLayout layout) {
        WslCommands wslCommands = commands(layout);
        AcceleratorProbe.Runner.Outcome list = run("delete", wslCommands.list(), SHORT);
        if (!wslCommands.listed(list.output())) {
            return;
        }
        AcceleratorProbe.Runner.Outcome outcome = run("delete", wslCommands.unregister(), SHORT);
        if (outcome.exitCode() != 0) {
            throw new VmException("delete", "wsl.exe --unregister " + wslCommands.distro() + " exited " + outcome.exitCode() + ": "
                    + WslCommands.decode(outcome.output()).strip());
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
}
