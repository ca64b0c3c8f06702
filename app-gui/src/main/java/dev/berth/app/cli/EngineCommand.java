package dev.berth.app.cli;

import dev.berth.bridge.discovery.CandidateStatus;
import dev.berth.bridge.discovery.DiscoveredEngine;
import dev.berth.bridge.discovery.EngineDiscovery;
import dev.berth.bridge.discovery.HostEnvironment;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.EngineIdentity;
import dev.berth.engine.api.model.SystemInfo;
import dev.berth.engine.format.ByteSize;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code berth engine [--all]}: which engine Berth uses, how it was found, and what it runs on. */
@Command(name = "engine", description = "Show the engine Berth uses and how it was found (--all: every candidate).")
final class EngineCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptionsMixin engineOptions;

    @Mixin
    HelpOption help;

    @Option(names = "--all", description = "Test every place an engine could be and show each one's status.")
    boolean all;

    @Override
    public Integer call() {
        EngineDiscovery discovery = EngineDiscovery.standard(HostEnvironment.current());
        PrintWriter out = spec.commandLine().getOut();
        if (all) {
            return listAll(discovery.discoverAll(engineOptions.discoveryOptions()), out);
        }
        try (DiscoveredEngine engine = discovery.discover(engineOptions.discoveryOptions())) {
            describe(engine, out);
            return 0;
        } catch (EngineException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
    }

    private static void describe(DiscoveredEngine engine, PrintWriter out) {
        EngineIdentity identity = engine.client().identity();
        SystemInfo info = engine.client().system().info();
        row(out, "Endpoint", engine.endpoint().uri());
        row(out, "Found by", engine.howFound());
        row(out, "Engine", identity.name() + " " + identity.version());
        row(out, "API", identity.apiVersion() + (identity.minApiVersion() == null ? "" : " (oldest " + identity.minApiVersion() + ")")
                + ", negotiated " + identity.negotiated());
        row(out, "OS/arch", info.operatingSystem() + ", " + identity.os() + "/" + identity.arch() + ", kernel " + info.kernelVersion());
        row(out, "CPUs", String.valueOf(info.ncpu()));
        row(out, "Memory", gibibytes(info.memTotal()));
        row(out, "Storage", info.driver() + " in " + info.dockerRootDir());
        row(out, "Containers", info.containers() + " (" + info.containersRunning() + " running, " + info.containersPaused()
                + " paused, " + info.containersStopped() + " stopped)");
        row(out, "Images", String.valueOf(info.images()));
    }

    private static int listAll(List<CandidateStatus> statuses, PrintWriter out) {
        boolean any = false;
        for (CandidateStatus status : statuses) {
            String what = status.reachable() ? status.identity().summary() : "unreachable: " + status.failure().replace('\n', ' ');
            out.printf("%s %-28s %-45s %s%n", status.chosen() ? "*" : " ", status.howFound(),
                    status.endpoint() == null ? "-" : status.endpoint(), what);
            any |= status.reachable();
        }
        out.println(any ? "(* = the engine Berth uses)" : "No engine answered.");
        return any ? 0 : 1;
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf("%-11s %s%n", label + ":", value);
    }

    private static String gibibytes(Long bytes) {
        return bytes == null ? "?" : ByteSize.binary(bytes);
    }
}
