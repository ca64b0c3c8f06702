package dev.berth.bridge.vm;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * vfkit on macOS: Apple's Virtualization.framework boots the same kernel and initramfs as QEMU (the arm64 kernel
 * uncompressed first), with the command line of {@link VfkitCommandLine}. The engine is reached over vsock: vfkit
 * itself serves {@code <instance>/docker.sock} ({@link EngineAccess#HYPERVISOR_SOCKET}), so no engine relay and no
 * TLS port exist. The guest reports on its console (no named virtio-serial ports here): the rc's
 * {@code berth-guest: status READY 1.23 (uptime …)} lines are the status. Stop: "stop" over the control vsock port,
 * then vfkit's REST {@code HardStop}, then SIGKILL. vfkit exits when its VM stops. Published ports: the guest reports
 * its DHCP lease ({@code status ADDR 192.168.64.5}) and {@link RelayMain} in {@link RelayMain#PORTS_ONLY} mode forwards
 * each one from the Mac's 127.0.0.1 to that address ({@link dev.berth.bridge.vm.ports.SocketHostForwards}, TCP and UDP).
 */
public final class VfkitProvider implements VmProvider {

    private static final Pattern STATUS = Pattern.compile("berth-guest: status (.+?) \\(uptime [^)]*\\)");

    private final HostPlatform platform;
    private final Path vfkit;

    public VfkitProvider(HostPlatform platform, Path vfkit) {
        this.platform = platform;
        this.vfkit = vfkit;
    }

    /** vfkit from {@code berth.vm.vfkit} / {@code BERTH_VM_VFKIT}, the PATH or Homebrew's prefixes. */
    public static VfkitProvider standard(HostPlatform platform, HostTools tools) {
        String configured = System.getProperty("berth.vm.vfkit", System.getenv().getOrDefault("BERTH_VM_VFKIT", ""));
        return new VfkitProvider(platform, configured.isBlank() ? tools.find("vfkit").orElse(Path.of("/opt/homebrew/bin/vfkit")) : Path.of(configured));
    }

    @Override
    public String name() {
        return "vfkit";
    }

    @Override
    public Optional<String> unavailable() {
        if (platform.os() != HostPlatform.Os.MACOS) {
            return Optional.of("vfkit runs on macOS only");
        }
        return Files.isExecutable(vfkit) ? Optional.empty() : Optional.of(ProviderSelector.VFKIT_MISSING + " (no " + vfkit + ")");
    }

    @Override
    public Plan plan(VmRequest request) {
        unavailable().ifPresent(why -> {
            throw new VmException("find vfkit", why);
        });
        List<String> notes = new ArrayList<>();
        Path kernel = request.image().kernel();
        if (platform.arch() == HostPlatform.Arch.AARCH64) {
            kernel = KernelImage.uncompressed(kernel, request.layout().uncompressedKernel());
            notes.add("kernel: " + kernel.getFileName() + " (uncompressed from " + request.image().kernel().getFileName() + ": Virtualization.framework needs it)");
        }
        FileSharing wanted = request.settings().fileSharing();
        if (wanted == FileSharing.NINE_P) {
            notes.add("file sharing: virtiofs (Virtualization.framework has no 9p; file.sharing=9p applies to QEMU)");
        }
        List<VmShare> shares = wanted == FileSharing.NONE ? List.of() : request.settings().vmShares();
        Path initrd = initrd(request.image(), request.layout());
        notes.add("published ports: on this Mac's 127.0.0.1 by Berth's own forwarder (TCP and UDP; vfkit's NAT has no forwarding)");
        List<String> commandLine = VfkitCommandLine.build(new VfkitCommandLine.Launch(vfkit, request.settings(), kernel, initrd, request.layout(), shares));
        return new Plan(request, commandLine, "vz", "virtualization.framework", notes, List.of(), shares.isEmpty() ? "none" : FileSharing.VIRTIOFS.key,
                guestSettings());
    }

    /**
     * The image's initramfs followed by its vsock overlay (socat: the guest's end of the vsock engine socket), one file
     * as vfkit takes one initrd; Linux unpacks concatenated archives in order. Written into the instance when either
     * part is newer than the last copy. An image without the overlay cannot serve the engine here: refused with the fix.
     */
    static Path initrd(VmImage image, VmLayout layout) {
        Path overlay = image.optional("vsock-overlay").orElseThrow(() -> new VmException("plan vfkit", "the VM image " + image.dir()
                + " has no vsock overlay (socat, the guest's end of the engine socket under vfkit): run packaging/vm/build-vsock-overlay.sh "
                + image.dir() + ", or use QEMU with BERTH_VM_PROVIDER=qemu"));
        Path target = layout.dir().resolve("initrd-vz.cpio");
        try {
            if (Files.isRegularFile(target) && newer(target, image.initramfs()) && newer(target, overlay)) {
                return target;
            }
            Files.createDirectories(layout.dir());
            Path temporary = target.resolveSibling("initrd-vz.cpio.new");
            try (var out = Files.newOutputStream(temporary)) {
                Files.copy(image.initramfs(), out);
                Files.copy(overlay, out);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new VmException("plan vfkit", "cannot write " + target + ": " + e.getMessage(), List.of(), e);
        }
    }

    private static boolean newer(Path file, Path than) throws IOException {
        return Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(than)) >= 0;
    }

    /** What the guest's rc needs to know: DHCP on the NAT network, the engine and control on vsock. */
    static Map<String, String> guestSettings() {
        return Map.of("BERTH_NET", "dhcp", "BERTH_ENGINE_VSOCK", String.valueOf(VfkitCommandLine.ENGINE_VSOCK_PORT),
                "BERTH_CONTROL_VSOCK", String.valueOf(VfkitCommandLine.CONTROL_VSOCK_PORT));
    }

    @Override
    public EngineAccess engineAccess() {
        return EngineAccess.HYPERVISOR_SOCKET;
    }

    @Override
    public boolean forwardsPortsOverQmp() {
        return false;
    }

    @Override
    public boolean forwardsPortsWithSockets() {
        return true;
    }

    @Override
    public Path log(VmLayout layout) {
        return layout.vfkitLog();
    }

    @Override
    public long start(Plan plan) {
        VmLayout layout = plan.request().layout();
        try {
            for (Path stale : List.of(layout.vfkitRest(), layout.engineSocket(), layout.control())) {
                Files.deleteIfExists(stale);
            }
            Files.deleteIfExists(layout.console());
            List<String> command = new ArrayList<>(detached());
            command.addAll(plan.commandLine());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(layout.vfkitLog().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(AcceleratorProbe.nullFile())).start();
            // vfkit runs in the foreground: it is up once its REST socket answers.
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < until) {
                if (!process.isAlive()) {
                    throw new VmException("start vfkit", "vfkit exited (" + process.exitValue() + "): " + QemuProvider.lastLines(layout.vfkitLog(), 5));
                }
                if (Files.exists(layout.vfkitRest())) {
                    return process.pid();
                }
                Thread.sleep(100);
            }
            process.destroyForcibly();
            throw new VmException("start vfkit", "vfkit did not open its REST socket " + layout.vfkitRest() + " within 30 s: "
                    + QemuProvider.lastLines(layout.vfkitLog(), 5));
        } catch (IOException e) {
            throw new VmException("start vfkit", "cannot run " + vfkit + ": " + e.getMessage(), List.of(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VmException("start vfkit", "interrupted");
        }
    }

    /**
     * A new session for vfkit, so a Ctrl-C in the terminal that ran {@code berth vm start} does not reach the VM
     * (QEMU gets this from {@code -daemonize}): macOS has no setsid(1), its perl has POSIX::setsid.
     */
    static List<String> detached() {
        Optional<Path> setsid = QemuProvider.findOnPath("setsid");
        if (setsid.isPresent()) {
            return List.of(setsid.get().toString());
        }
        if (Files.isExecutable(Path.of("/usr/bin/perl"))) {
            return List.of("/usr/bin/perl", "-MPOSIX", "-e", "POSIX::setsid(); exec @ARGV or die \"exec: $!\"", "--");
        }
        return List.of();
    }

    @Override
    public StopOutcome stop(VmLayout layout, long pid, Duration graceful) {
        Optional<ProcessHandle> process = instanceProcess(layout, pid);
        if (process.isEmpty()) {
            return new StopOutcome(false, "was not running");
        }
        long deadline = System.nanoTime() + graceful.toNanos();
        String asked = "asked the guest to stop (vsock control port)";
        long lastAsk = 0;
        while (System.nanoTime() < deadline) {
            if (!process.get().isAlive()) {
                return new StopOutcome(false, asked + "; the guest powered off and vfkit ended");
            }
            if (!said(layout, "STOPPING") && System.nanoTime() - lastAsk > Duration.ofSeconds(2).toNanos()) {
                try (SocketChannel control = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    control.connect(UnixDomainSocketAddress.of(layout.control()));
                    control.write(ByteBuffer.wrap("stop\n".getBytes(StandardCharsets.US_ASCII)));
                } catch (IOException e) {
                    asked = "the control port did not answer (" + e.getMessage() + ")";
                }
                lastAsk = System.nanoTime();
            }
            sleep(200);
        }
        boolean clean = said(layout, "STOPPED");
        try {
            VfkitRest.change(layout.vfkitRest(), "HardStop");
        } catch (IOException e) {
            // vfkit is wedged: killed below
        }
        if (!waitFor(process.get(), Duration.ofSeconds(5))) {
            process.get().destroyForcibly();
            waitFor(process.get(), Duration.ofSeconds(5));
        }
        return clean ? new StopOutcome(false, asked + "; the guest unmounted its disk, vfkit ended by HardStop")
                : new StopOutcome(true, asked + "; forced after " + graceful.toSeconds() + " s (the guest had not finished stopping)");
    }

    @Override
    public ProcessState status(VmLayout layout, long pid) {
        if (instanceProcess(layout, pid).isEmpty()) {
            return ProcessState.GONE;
        }
        try {
            return VfkitRest.state(layout.vfkitRest()).equals("VirtualMachineStateRunning") ? ProcessState.RUNNING : ProcessState.UNRESPONSIVE;
        } catch (IOException e) {
            return ProcessState.UNRESPONSIVE;
        }
    }

    /** The status words from the console: {@code berth-guest: status READY 2.31 (uptime 2.31)} → {@code READY 2.31}. */
    @Override
    public List<String> guestStatus(VmLayout layout) {
        return statusLines(VmProvider.readLines(layout.console()));
    }

    static List<String> statusLines(List<String> console) {
        List<String> lines = new ArrayList<>();
        for (String line : console) {
            Matcher matcher = STATUS.matcher(line);
            if (matcher.find()) {
                lines.add(matcher.group(1).strip());
            }
        }
        return List.copyOf(lines);
    }

    /** The guest's address on vfkit's NAT, from its last {@code ADDR 192.168.64.5} status line; empty before DHCP (or from an older image). */
    static Optional<String> guestAddress(List<String> status) {
        Optional<String> address = Optional.empty();
        for (String line : status) {
            if (line.startsWith("ADDR ") && line.substring(5).strip().matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
                address = Optional.of(line.substring(5).strip());
            }
        }
        return address;
    }

    private boolean said(VmLayout layout, String word) {
        return guestStatus(layout).stream().anyMatch(l -> l.startsWith(word));
    }

    /** The pid, if it is still this instance's vfkit (its command line names the instance's console file). */
    static Optional<ProcessHandle> instanceProcess(VmLayout layout, long pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(line -> line.contains(layout.console().toString())).orElse(true));
    }

    private static boolean waitFor(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return !process.isAlive();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
