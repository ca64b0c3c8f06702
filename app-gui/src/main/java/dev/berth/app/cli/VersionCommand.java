package dev.berth.app.cli;

import dev.berth.app.BerthVersion;
import dev.berth.bridge.discovery.DiscoveredEngine;
import dev.berth.bridge.discovery.EngineDiscovery;
import dev.berth.bridge.discovery.HostEnvironment;
import dev.berth.engine.api.EngineException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code berth version}: Berth's version and the engine's name, version and API version. */
@Command(name = "version", description = "Show the Berth version and the engine it talks to.")
final class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptionsMixin engineOptions;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Berth " + BerthVersion.version());
        try (DiscoveredEngine engine = EngineDiscovery.standard(HostEnvironment.current()).discover(engineOptions.discoveryOptions())) {
            out.println("Engine: " + engine.client().identity().summary());
            return 0;
        } catch (EngineException e) {
            out.flush();
            spec.commandLine().getErr().println("Engine: not reachable. " + e.getMessage());
            return 1;
        }
    }
}
