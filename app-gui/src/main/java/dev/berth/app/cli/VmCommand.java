package dev.berth.app.cli;

import dev.berth.bridge.discovery.HostEnvironment;
import dev.berth.bridge.vm.FileSharing;
import dev.berth.bridge.vm.VmException;
import dev.berth.bridge.vm.VmManager;
import dev.berth.bridge.vm.VmProvider;
import dev.berth.bridge.vm.VmSettings;
import dev.berth.bridge.vm.VmState;
import dev.berth.bridge.vm.VmStatus;
import dev.berth.bridge.vm.ports.PortForward;
import dev.berth.bridge.vm.ports.PortForwarder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code berth vm ...}: Berth's own engine VM, one per {@code --name} (default "default"). The engine it runs is
 * reached through {@code <state>/vm/<name>/docker.sock} or {@code --context berth-vm}.
 */
@Command(name = "vm", description = "Berth's own engine VM: build-image, start, stop, restart, status, logs, delete, settings, ports.",
        subcommands = {VmCommand.BuildImage.class, VmCommand.Start.class, VmCommand.Stop.class, VmCommand.Restart.class,
                VmCommand.Status.class, VmCommand.Logs.class, VmCommand.Delete.class, VmCommand.Settings.class,
                VmCommand.Ports.class})
final class VmCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    BerthCli root;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    VmManager manager() {
        return VmManager.standard(HostEnvironment.current());
    }

    /** The shared parts of every subcommand. */
    abstract static class VmSubcommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ParentCommand
        VmCommand vm;

        @Option(names = "--name", paramLabel = "NAME", description = "Which VM (profile); default: ${DEFAULT-VALUE}.", defaultValue = "default")
        String name;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        @Override
        public Integer call() {
            try {
                return run(vm.manager());
            } catch (VmException e) {
                err().println("berth vm " + spec.name() + ": " + e.describe());
                return 1;
            } catch (IllegalArgumentException e) {
                err().println("berth vm " + spec.name() + ": " + e.getMessage());
                return 2;
            }
        }

        abstract int run(VmManager manager);
    }

    @Command(name = "build-image", description = "Build the VM image from Debian packages (packaging/vm/build-image.sh).")
    static final class BuildImage extends VmSubcommand {
        @Override
        int run(VmManager manager) {
            Path script = VmManager.berthHome().resolve("packaging/vm/build-image.sh");
            if (!Files.isRegularFile(script)) {
                throw new IllegalArgumentException("no " + script + ": build-image runs from Berth's source tree (./berth vm build-image)");
            }
            try {
                Process build = new ProcessBuilder("bash", script.toString(), manager.imageDir().toString()).inheritIO().start();
                int code = build.waitFor();
                if (code == 0) {
                    out().println("image: " + manager.imageDir());
                }
                return code;
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot run " + script + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 130;
            }
        }
    }

    @Command(name = "start", description = "Boot the VM and wait until its engine answers (shows each step).")
    static final class Start extends VmSubcommand {
        @Option(names = "--timeout", paramLabel = "SECONDS", description = "Give up after this long (default: ${DEFAULT-VALUE}).", defaultValue = "180")
        int timeout;

        @Override
        int run(VmManager manager) {
            long start = System.nanoTime();
            VmStatus status = manager.start(name, Duration.ofSeconds(timeout),
                    step -> err().printf("[%5.1f s] %s%n", (System.nanoTime() - start) / 1e9, step));
            out().println(status.engineSocket());
            return 0;
        }
    }

    @Command(name = "stop", description = "Stop the VM gracefully (the guest unmounts its disk); forced after --timeout.")
    static final class Stop extends VmSubcommand {
        @Option(names = "--timeout", paramLabel = "SECONDS", description = "Force after this long (default: ${DEFAULT-VALUE}).", defaultValue = "60")
        int timeout;

        @Override
        int run(VmManager manager) {
            VmProvider.StopOutcome outcome = manager.stop(name, Duration.ofSeconds(timeout));
            out().println((outcome.forced() ? "stopped by force: " : "stopped: ") + outcome.how());
            return 0;
        }
    }

    @Command(name = "restart", description = "Stop, then start the VM.")
    static final class Restart extends VmSubcommand {
        @Override
        int run(VmManager manager) {
            VmProvider.StopOutcome outcome = manager.stop(name, VmManager.DEFAULT_STOP_DEADLINE);
            err().println((outcome.forced() ? "stopped by force: " : "stopped: ") + outcome.how());
            long start = System.nanoTime();
            VmStatus status = manager.start(name, VmManager.DEFAULT_START_DEADLINE,
                    step -> err().printf("[%5.1f s] %s%n", (System.nanoTime() - start) / 1e9, step));
            out().println(status.engineSocket());
            return 0;
        }
    }

    enum Format { table, json }

    @Command(name = "status", description = "Whether the VM runs, how it last stopped, where its engine is.")
    static final class Status extends VmSubcommand {
        private static final JsonMapper JSON = JsonMapper.builder().build();

        @Option(names = "--format", paramLabel = "FORMAT", description = "${COMPLETION-CANDIDATES} (default: table).")
        Format format = Format.table;

        @Override
        int run(VmManager manager) {
            VmStatus status = manager.status(name);
            if (format == Format.json) {
                out().println(JSON.writeValueAsString(status));
            } else {
                row("VM", status.profile() + ": " + status.state().name().toLowerCase(Locale.ROOT));
                row("Detail", status.detail());
                row("Provider", status.provider() + (status.accelerator() == null ? "" : " (" + status.accelerator() + ")"));
                status.providerReasons().forEach(reason -> row("Why", reason));
                if (status.pid() > 0) {
                    row("Process", "pid " + status.pid() + ", " + status.accelerator() + ", " + status.machine());
                }
                row("Socket", status.engineSocket() + "  (--context " + status.context() + ")");
                row("Settings", status.settings().cpus() + " CPUs, " + status.settings().memoryMiB() + " MiB, disk " + status.settings().diskGiB()
                        + " GiB (" + status.dataDiskAllocatedBytes() / (1 << 20) + " MiB used)");
                if (status.lastStop() != null) {
                    row("Last stop", status.lastStop());
                }
                status.notes().forEach(note -> row("Note", note));
            }
            return status.state() == VmState.RUNNING ? 0 : 3;
        }

        private void row(String label, String value) {
            out().printf("%-10s %s%n", label + ":", value);
        }
    }

    @Command(name = "ports", description = "Published container ports forwarded to the host, and the ones that could not be (exit 4 when any failed).")
    static final class Ports extends VmSubcommand {
        private static final JsonMapper JSON = JsonMapper.builder().build();

        @Option(names = "--format", paramLabel = "FORMAT", description = "${COMPLETION-CANDIDATES} (default: table).")
        Format format = Format.table;

        @Override
        int run(VmManager manager) {
            PortForwarder.Report report = PortForwarder.read(manager.layout(name).portsFile());
            if (format == Format.json) {
                out().println(JSON.writeValueAsString(report));
            } else {
                out().printf("%-26s %-8s %s%n", "HOST", "STATE", "FOR");
                for (PortForward forward : report.forwards()) {
                    out().printf("%-26s %-8s %s%n", forward.key(), "open", forward.owner());
                }
                for (PortForwarder.Failure failure : report.failures()) {
                    out().printf("%-26s %-8s %s: %s%n", failure.forward().key(), "FAILED", failure.forward().owner(), failure.reason());
                }
            }
            return report.failures().isEmpty() ? 0 : 4;
        }
    }

    @Command(name = "logs", description = "The VM's console (kernel and guest init), the current or last boot.")
    static final class Logs extends VmSubcommand {
        @Option(names = {"-n", "--tail"}, paramLabel = "N", description = "Only the last N lines (default: all).", defaultValue = "100000")
        int tail;

        @Override
        int run(VmManager manager) {
            List<String> lines = manager.consoleTail(name, tail);
            lines.forEach(out()::println);
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete the VM and its data disk: every image, container and volume in it (asks first).")
    static final class Delete extends VmSubcommand {
        @Option(names = {"-y", "--yes"}, description = "Don't ask.")
        boolean yes;

        @Override
        int run(VmManager manager) {
            VmStatus status = manager.status(name);
            if (status.state() == VmState.ABSENT) {
                out().println("no VM named " + name);
                return 0;
            }
            if (!yes) {
                err().print("Delete the VM '" + name + "' and its data disk (" + status.dataDiskAllocatedBytes() / (1 << 20)
                        + " MiB: every image, container and volume in it)" + (status.provider().equals("wsl2")
                        ? ", unregistering its WSL distro" : "") + "? [yN] ");
                err().flush();
                String answer;
                try {
                    answer = new BufferedReader(new InputStreamReader(vm.root.in(), StandardCharsets.UTF_8)).readLine();
                } catch (IOException e) {
                    answer = null;
                }
                if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
                    out().println("kept");
                    return 1;
                }
            }
            if (status.state() == VmState.RUNNING || status.state() == VmState.DEGRADED) {
                manager.stop(name, VmManager.DEFAULT_STOP_DEADLINE);
            }
            manager.delete(name);
            out().println("deleted " + name);
            return 0;
        }
    }

    @Command(name = "settings", description = "Show or change CPUs, memory, disk size and shared folders (applied at the next start).")
    static final class Settings extends VmSubcommand {
        @Option(names = "--cpus", paramLabel = "N")
        Integer cpus;

        @Option(names = "--memory", paramLabel = "MIB")
        Integer memory;

        @Option(names = "--disk", paramLabel = "GIB", description = "The data disk's size in GiB: an existing disk grows at the next start; it never shrinks.")
        Integer disk;

        @Option(names = "--share", paramLabel = "DIR", description = "Add a host folder the VM mounts at the same path (repeatable).")
        List<Path> share = new ArrayList<>();

        @Option(names = "--unshare", paramLabel = "DIR", description = "Remove a shared folder (repeatable).")
        List<Path> unshare = new ArrayList<>();

        @Option(names = "--file-sharing", paramLabel = "MODE", description = "auto (virtiofs when a virtiofsd is installed), 9p or virtiofs.")
        String fileSharing;

        @Option(names = "--network", paramLabel = "MODE", description = "restricted (the guest reaches nothing; no UDP forwards) or open"
                + " (the guest reaches the internet and UDP is forwarded; new connections to the host stay refused).")
        String network;

        @Override
        int run(VmManager manager) {
            VmSettings settings = manager.settings(name);
            if (cpus != null || memory != null || disk != null || !share.isEmpty() || !unshare.isEmpty() || fileSharing != null || network != null) {
                List<Path> shares = new ArrayList<>(settings.shares());
                share.stream().map(p -> p.toAbsolutePath().normalize()).filter(p -> !shares.contains(p)).forEach(shares::add);
                unshare.stream().map(p -> p.toAbsolutePath().normalize()).forEach(shares::remove);
                settings = new VmSettings(cpus == null ? settings.cpus() : cpus, memory == null ? settings.memoryMiB() : memory,
                        disk == null ? settings.diskGiB() : disk, shares,
                        fileSharing == null ? settings.fileSharing() : FileSharing.parse(fileSharing),
                        network == null ? settings.openNetwork() : parseNetwork(network));
                manager.saveSettings(name, settings);
                err().println("saved; applied at the next start" + (manager.status(name).state() == VmState.RUNNING ? " ('berth vm restart')" : ""));
            }
            out().printf("cpus=%d%nmemory.mib=%d%ndisk.gib=%d%nshares=%s%nfile.sharing=%s%n", settings.cpus(), settings.memoryMiB(),
                    settings.diskGiB(), String.join(":", settings.shares().stream().map(Path::toString).toList()), settings.fileSharing().key, settings.openNetwork() ? "open" : "restricted");
            return 0;
        }
    }

    static boolean parseNetwork(String value) {
        return switch (value) {
            case "open" -> true;
            case "restricted" -> false;
            default -> throw new IllegalArgumentException("--network is restricted or open (was '" + value + "')");
        };
    }
}
