package dev.berth.app.cli;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.Diagnostic;
import dev.berth.compose.LoadResult;
import dev.berth.compose.ProjectOptions;
import dev.berth.compose.model.Project;
import dev.berth.compose.output.ProjectWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code berth config}: loads, validates and prints the normalised project like
 * {@code docker compose config}. Exit 0 when the project is valid (warnings go to stderr), 1 when not,
 * with every diagnostic on stderr as {@code FILE:LINE:COL: error: message}.
 */
@Command(name = "config", description = "Parse, resolve and render the compose files in canonical form.")
final class ConfigCommand implements Callable<Integer> {

    enum Format { yaml, json }

    @ParentCommand
    BerthCli parent;

    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOptionsMixin project = new ProjectOptionsMixin();

    @Mixin
    HelpOption help;

    @Option(names = "--format", paramLabel = "yaml|json", description = "Output format: ${COMPLETION-CANDIDATES} (default: yaml).")
    Format format = Format.yaml;

    @Option(names = "--services", description = "Print the service names, one per line.")
    boolean services;

    @Option(names = "--volumes", description = "Print the volume names, one per line.")
    boolean volumes;

    @Option(names = "--networks", description = "Print the network names, one per line.")
    boolean networks;

    @Option(names = "--profiles", description = "Print the profile names, one per line.")
    boolean profiles;

    @Option(names = "--images", description = "Print the image names, one per line.")
    boolean images;

    @Option(names = {"-q", "--quiet"}, description = "Only validate the configuration, print nothing.")
    boolean quiet;

    @Option(names = "--no-interpolate", description = "Don't interpolate environment variables.")
    boolean noInterpolate;

    @Option(names = "--all-resources", description = "Include all resources, even those not used by services.")
    boolean allResources;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProjectOptions options = project.toOptions(parent == null ? null : parent.projectOptions(), System.getenv(),
                Path.of("").toAbsolutePath(), parent == null ? System.in : parent.in()).withInterpolate(!noInterpolate)
                // docker compose renders the bare model then: an uninterpolated ${VOL} is no undefined volume.
                .withConsistencyChecks(!noInterpolate);
        LoadResult result = ComposeLoader.load(options);
        for (Diagnostic d : result.diagnostics()) {
            err.println(d);
        }
        err.flush();
        if (result.project().isEmpty()) {
            return 1;
        }
        if (quiet) {
            return 0;
        }
        Project loaded = result.project().get();
        List<String> lines = null;
        if (services) {
            lines = ProjectWriter.services(loaded);
        } else if (volumes) {
            lines = ProjectWriter.volumes(loaded);
        } else if (networks) {
            lines = ProjectWriter.networks(loaded);
        } else if (profiles) {
            lines = ProjectWriter.profiles(loaded);
        } else if (images) {
            lines = ProjectWriter.images(loaded);
        }
        if (lines != null) {
            lines.forEach(out::println);
        } else {
            ProjectWriter writer = new ProjectWriter(!noInterpolate, allResources);
            out.print(format == Format.json ? writer.toJson(loaded) : writer.toYaml(loaded));
        }
        out.flush();
        return 0;
    }
}
