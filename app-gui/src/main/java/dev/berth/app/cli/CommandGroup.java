package dev.berth.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only groups verbs ({@code berth stack}, {@code berth node}…): run alone, it prints its usage with
 * the verbs it has, as the docker CLI does. picocli finds the annotated fields in this superclass.
 */
abstract class CommandGroup implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
