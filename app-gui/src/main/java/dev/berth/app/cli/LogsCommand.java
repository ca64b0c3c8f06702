package dev.berth.app.cli;

import dev.berth.engine.api.ContainersApi.LogsOptions;
import dev.berth.engine.compose.FollowedContainers;
import dev.berth.engine.compose.ServiceContainer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth logs}: the merged output of the project's containers with Compose's coloured
 * {@code service-1  | } prefixes. With {@code -f} it follows until every container has stopped or the
 * command is cancelled (Ctrl-C, or an interrupt of the calling thread in tests).
 */
@Command(name = "logs", description = "View output from containers.")
final class LogsCommand extends ComposeCommand {

    @Option(names = {"-f", "--follow"}, description = "Follow log output.")
    boolean follow;

    @Option(names = {"-t", "--timestamps"}, description = "Show timestamps.")
    boolean timestamps;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", description = "Number of lines to show from the end of the logs for each container (default: all).")
    String tail = "all";

    @Option(names = "--since", paramLabel = "WHEN", description = "Show logs since a timestamp (2013-01-02T13:23:37Z) or relative (42m, 2h, 30s).")
    String since;

    @Option(names = "--no-color", description = "Produce monochrome output.")
    boolean noColor;

    @Option(names = "--no-log-prefix", description = "Don't print the prefix in logs.")
    boolean noLogPrefix;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services.")
    List<String> services = new ArrayList<>();

    @Override
    int run(CliSession session) throws InterruptedException {
        if (!tail.equals("all") && !tail.matches("\\d+")) {
            throw new CliException("--tail must be a number or \"all\", not " + tail, 2);
        }
        List<ServiceContainer> containers = session.compose().ps(session.projectName(), session.services(services), true);
        LogsOptions options = new LogsOptions(follow, true, true, parseSince(since, Instant.now()), null, timestamps,
                tail.equals("all") ? null : tail, null);
        try (LogMux logs = new LogMux(session.client(), session.out(), containers.stream().map(ServiceContainer::name).toList(),
                session.terminal() && !noColor, !noLogPrefix)) {
            if (follow) {
                // Like Compose: a container that stops says so, and one that restarts is followed again.
                try (FollowedContainers followed = new FollowedContainers(session.client(), logs)) {
                    containers.forEach(container -> followed.follow(container, options));
                    await(followed.allFinished());
                    if (followed.engineLost().isPresent()) {
                        throw new CliException("Stopped following the logs: " + followed.engineLost().get().getMessage());
                    }
                }
            } else {
                // One container after the other, so each one's lines stay together.
                for (ServiceContainer container : containers) {
                    await(logs.follow(container, options, null));
                }
            }
        }
        return 0;
    }

    private static void await(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** {@code --since}: an RFC 3339 instant, a date, or a duration back from now ({@code 10m}, {@code 1h30m}). */
    static Instant parseSince(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.matches("(\\d+[hms])+")) {
            return now.minus(Duration.parse("PT" + value.toUpperCase(Locale.ROOT)));
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException again) {
                if (value.matches("\\d+")) {
                    return Instant.ofEpochSecond(Long.parseLong(value));
                }
                throw new CliException("--since: cannot read \"" + value + "\" as a time (try 2024-01-02T13:23:37Z or 10m)", 2);
            }
        }
    }
}
