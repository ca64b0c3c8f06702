package dev.berth.app.cli;

import dev.berth.engine.api.EngineJson;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.SystemApi.EventsOptions;
import dev.berth.engine.api.model.EngineEvent;
import dev.berth.engine.compose.ComposeLabels;
import dev.berth.engine.stream.EngineStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth events}: the engine's events for this project's containers (by the project label), as
 * they happen, until cancelled. The stream is read on a virtual thread so an interrupt (Ctrl-C, a test)
 * ends the command at once.
 */
@Command(name = "events", description = "Receive real time events from containers.")
final class EventsCommand extends ComposeCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneId.systemDefault());

    @Option(names = "--json", description = "Output events as a stream of json objects.")
    boolean json;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services.")
    List<String> services = new ArrayList<>();

    @Override
    int run(CliSession session) throws InterruptedException {
        String project = session.projectName();
        var selected = session.services(services);
        PrintWriter out = session.out();
        Filters filters = Filters.none().with("type", "container").label(ComposeLabels.projectFilter(project));
        CompletableFuture<Void> ended = new CompletableFuture<>();
        try (EngineStream<EngineEvent> events = session.client().system().events(EventsOptions.fromNow().withFilters(filters))) {
            Thread.ofVirtual().name("berth-events").start(() -> {
                try {
                    for (EngineEvent event = events.next(); event != null; event = events.next()) {
                        Map<String, String> attributes = event.actor() == null || event.actor().attributes() == null
                                ? Map.of() : event.actor().attributes();
                        String service = attributes.getOrDefault(ComposeLabels.SERVICE, "");
                        if (!selected.isEmpty() && !selected.contains(service)) {
                            continue;
                        }
                        synchronized (out) {
                            out.println(json ? EngineJson.MAPPER.writeValueAsString(jsonOf(event, service, attributes)) : text(event, attributes));
                            out.flush();
                        }
                    }
                    ended.complete(null);
                } catch (RuntimeException e) {
                    ended.completeExceptionally(e);
                }
            });
            try {
                ended.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            }
        }
        return 0;
    }

    private static Instant timeOf(EngineEvent event) {
        if (event.timeNano() != null) {
            return Instant.ofEpochSecond(0, event.timeNano());
        }
        return Instant.ofEpochSecond(event.time() == null ? 0 : event.time());
    }

    /** Compose's line: {@code 2024-01-02 13:23:37.123456 container start 5e1f… (image=…, name=demo-web-1)}. */
    private static String text(EngineEvent event, Map<String, String> attributes) {
        Map<String, String> shown = new TreeMap<>();
        attributes.forEach((key, value) -> {
            if (!key.startsWith("com.docker.compose.") && !key.startsWith("dev.berth.")) {
                shown.put(key, value);
            }
        });
        StringBuilder text = new StringBuilder();
        text.append(TIME.format(timeOf(event))).append(' ').append(event.type()).append(' ').append(event.action()).append(' ')
                .append(event.actor() == null ? event.id() : event.actor().id());
        if (!shown.isEmpty()) {
            text.append(" (");
            text.append(String.join(", ", shown.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
            text.append(')');
        }
        return text.toString();
    }

    private static Map<String, Object> jsonOf(EngineEvent event, String service, Map<String, String> attributes) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("time", timeOf(event).toString());
        row.put("type", event.type());
        row.put("action", event.action());
        row.put("id", event.actor() == null ? event.id() : event.actor().id());
        row.put("service", service);
        row.put("attributes", attributes);
        return row;
    }
}
