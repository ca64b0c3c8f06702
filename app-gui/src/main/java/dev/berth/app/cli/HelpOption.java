package dev.berth.app.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} on every command, as {@code docker compose up --help} has it: the command's own usage. */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean requested;
}
