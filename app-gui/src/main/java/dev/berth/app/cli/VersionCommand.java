package dev.berth.app.cli;

import dev.berth.app.BerthVersion;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code berth version}: Berth's version and the engine's name, version and API version. */
@Command(name = "version", description = "Show the Berth version and the engine it talks to.")
final class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("Berth " + BerthVersion.version());
        return 0;
    }
}
