package dev.berth.bridge.vm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Picks the accelerator by trying each in {@link Accelerator#probeOrder()} order for real, with a timeout: a
 * device file that exists proves nothing (here {@code /dev/kvm} exists, opens, and a guest kernel then hangs
 * before its first console line). The probe boots the image's own kernel with no root file system under the
 * accelerator and the real machine type: a working accelerator reaches the kernel's "VFS: Unable to mount root
 * fs" panic and, with {@code panic=-1 -no-reboot}, QEMU exits in about a second; a broken one times out.
 * TCG is the fallback and is not probed.
 */
public final class AcceleratorProbe {

    /** One accelerator's outcome, shown by {@code berth vm status}. */
    public record Attempt(Accelerator accelerator, boolean works, String reason, Duration took) {}

    public record Result(Accelerator chosen, List<Attempt> attempts) {}

    /** Runs a command with a deadline; a test replaces it. */
    public interface Runner {
        /** The exit code and the combined output, or {@code timedOut} when the deadline passed (the process is killed). */
        Outcome run(List<String> command, Duration timeout) throws IOException;

        record Outcome(boolean timedOut, int exitCode, String output) {}
    }

    private final Runner runner;
    private final Duration timeout;

    public AcceleratorProbe(Runner runner, Duration timeout) {
        this.runner = runner;
        this.timeout = timeout;
    }

    public static AcceleratorProbe standard() {
        return new AcceleratorProbe(AcceleratorProbe::runProcess, Duration.ofSeconds(6));
    }

    public Result probe(HostPlatform platform, Path qemu, Path kernel, Path root) {
        List<Attempt> attempts = new ArrayList<>();
        for (Accelerator accelerator : Accelerator.probeOrder()) {
            if (accelerator == Accelerator.TCG) {
                attempts.add(new Attempt(accelerator, true, "software emulation, always available", Duration.ZERO));
                return new Result(accelerator, List.copyOf(attempts));
            }
            if (!accelerator.possibleOn(platform)) {
                continue;
            }
            if (accelerator == Accelerator.KVM) {
                Path device = root.resolve("dev/kvm");
                if (!Files.exists(device)) {
                    attempts.add(new Attempt(accelerator, false, "/dev/kvm does not exist", Duration.ZERO));
                    continue;
                }
                if (!Files.isReadable(device) || !Files.isWritable(device)) {
                    attempts.add(new Attempt(accelerator, false, "/dev/kvm is not readable and writable by this user (the kvm group?)", Duration.ZERO));
                    continue;
                }
            }
            Attempt attempt = attempt(platform, qemu, kernel, accelerator);
            attempts.add(attempt);
            if (attempt.works()) {
                return new Result(accelerator, List.copyOf(attempts));
            }
        }
        throw new IllegalStateException("TCG is always in the probe order");
    }

    /** The probe's command line: the real machine type and kernel, no initramfs, no disks, no network. */
    static List<String> probeCommand(HostPlatform platform, Path qemu, Path kernel, Accelerator accelerator) {
        MachineType machine = MachineType.choose(platform);
        return List.of(qemu.toString(), "-machine", QemuCommandLine.machineOption(platform, machine), "-accel", accelerator.accelOption(), "-cpu", accelerator.cpuModel(),
                "-m", "128M", "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot", "-serial", "stdio",
                "-kernel", kernel.toString(), "-append", "console=" + machine.console + " panic=-1 loglevel=4");
    }

    private Attempt attempt(HostPlatform platform, Path qemu, Path kernel, Accelerator accelerator) {
        long start = System.nanoTime();
        try {
            Runner.Outcome outcome = runner.run(probeCommand(platform, qemu, kernel, accelerator), timeout);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (outcome.timedOut()) {
                return new Attempt(accelerator, false, "a test boot did not finish within " + timeout.toSeconds() + " s (the accelerator hangs)", took);
            }
            if (outcome.output().contains("Kernel panic") || outcome.output().contains("Unable to mount root")) {
                return new Attempt(accelerator, true, "a test boot reached the kernel in " + took.toMillis() + " ms", took);
            }
            String last = outcome.output().strip().lines().reduce((a, b) -> b).orElse("no output");
            return new Attempt(accelerator, false, "a test boot failed (exit " + outcome.exitCode() + "): " + last, took);
        } catch (IOException e) {
            return new Attempt(accelerator, false, "cannot run " + qemu + ": " + e.getMessage(), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    static Runner.Outcome runProcess(List<String> command, Duration timeout) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                byte[] bytes = process.getInputStream().readAllBytes();
                synchronized (output) {
                    output.append(new String(bytes, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        });
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new Runner.Outcome(true, -1, "");
            }
            reader.join(Duration.ofSeconds(2));
            synchronized (output) {
                return new Runner.Outcome(false, process.exitValue(), output.toString());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static File nullFile() {
        return new File(System.getProperty("os.name").toLowerCase().contains("win") ? "NUL" : "/dev/null");
    }
}
