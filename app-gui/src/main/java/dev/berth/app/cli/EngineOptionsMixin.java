package dev.berth.app.cli;

import dev.berth.bridge.discovery.DiscoveryOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The global engine options, {@code -H/--host} and {@code --context}, accepted before and after the
 * subcommand ({@code berth -H X engine} and {@code berth engine -H X}). Every command mixes this in; the
 * values are stored on the root command's instance so a subcommand sees them wherever they were given.
 */
public final class EngineOptionsMixin {

    /** The field name the root command gives this mixin; picocli names mixins by field. */
    static final String NAME = "engineOptions";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private String host;
    private String context;

    @Option(names = {"-H", "--host"}, paramLabel = "HOST",
            description = "Engine to use: unix:///path.sock, tcp://host:port or ssh://user@host (overrides DOCKER_HOST and contexts).")
    void setHost(String value) {
        root().host = value;
    }

    @Option(names = "--context", paramLabel = "NAME", description = "Docker CLI context to use (overrides DOCKER_HOST and DOCKER_CONTEXT).")
    void setContext(String value) {
        root().context = value;
    }

    private EngineOptionsMixin root() {
        CommandSpec rootMixin = mixee.root().mixins().get(NAME);
        return rootMixin == null ? this : (EngineOptionsMixin) rootMixin.userObject();
    }

    /** What the user asked for, as discovery options. */
    public DiscoveryOptions discoveryOptions() {
        EngineOptionsMixin root = root();
        return DiscoveryOptions.defaults().withHost(root.host).withContext(root.context);
    }
}
