package dev.berth.engine.compose;

import dev.berth.compose.model.PortSpec;
import dev.berth.compose.model.ServiceSpec;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the engine's port-conflict errors into a sentence naming the service and the host port. */
final class PortConflicts {

    private static final Pattern PORT = Pattern.compile("(?:0\\.0\\.0\\.0|127\\.0\\.0\\.1|\\[?::\\]?|[0-9.]+):(\\d+)");

    private PortConflicts() {}

    static Optional<String> explain(ServiceSpec service, String engineMessage) {
        if (engineMessage == null) {
            return Optional.empty();
        }
        String lower = engineMessage.toLowerCase(Locale.ROOT);
        if (!lower.contains("port is already allocated") && !lower.contains("address already in use")) {
            return Optional.empty();
        }
        String port = null;
        Matcher matcher = PORT.matcher(engineMessage);
        while (matcher.find()) {
            port = matcher.group(1);
        }
        if (port == null) {
            port = service.ports().stream().map(PortSpec::published).filter(p -> p != null && !p.isEmpty())
                    .findFirst().orElse("?");
        }
        return Optional.of("service " + service.name() + ": host port " + port
                + " is already in use by another program or container; free it or publish another port ("
                + engineMessage + ")");
    }
}
