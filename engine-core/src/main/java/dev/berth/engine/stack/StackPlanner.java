package dev.berth.engine.stack;

import dev.berth.compose.Diagnostic;
import dev.berth.compose.Location;
import dev.berth.engine.stack.StackPlan.Action;
import dev.berth.engine.stack.StackPlan.FieldChange;
import dev.berth.engine.stack.StackPlan.ServiceStep;
import dev.berth.engine.stack.StackPlan.Step;
import dev.berth.engine.stack.StackSpec.DesiredFile;
import dev.berth.engine.stack.StackSpec.DesiredNetwork;
import dev.berth.engine.stack.StackSpec.DesiredService;
import dev.berth.engine.swarm.SwarmObject;
import dev.berth.engine.swarm.SwarmService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Desired stack vs what the swarm holds → a {@link StackPlan}, a pure function. A service is updated only when
 * its fields differ from the ones Berth recorded at the last deploy ({@link StackLabels#SPEC_FIELDS}); a service
 * another tool deployed (no record) is compared on the fields the file sets. A secret or config whose content
 * changed is an error: the swarm cannot change one in place.
 */
public final class StackPlanner {

    /**
     * What the swarm holds for the stack (and the external names the file refers to). {@code networkNames} maps
     * each network's id to its name: the file names a service's networks, the swarm keeps their ids.
     */
    public record Observed(Set<String> networks, Map<String, String> networkNames, Map<String, SwarmObject> secrets,
            Map<String, SwarmObject> configs, Map<String, SwarmService> services) {}

    /** A service's network attachments, {@code TaskTemplate.Networks[0].Target} (and the older top-level form). */
    private static final Pattern NETWORK_TARGET = Pattern.compile("(TaskTemplate\\.)?Networks\\[\\d+]\\.Target");

    private StackPlanner() {}

    public static StackPlan plan(StackSpec desired, Observed observed, boolean prune) {
        List<Diagnostic> diagnostics = new ArrayList<>(desired.diagnostics());
        List<Step> resources = new ArrayList<>();
        for (DesiredNetwork network : desired.networks().values()) {
            boolean exists = observed.networks().contains(network.name());
            if (network.external() && !exists) {
                diagnostics.add(Diagnostic.error("stack-external-missing", "networks." + network.key(), Location.UNKNOWN,
                        "network " + network.key() + " is declared as external, but network " + network.name() + " does not exist"));
            }
            resources.add(new Step("network", network.name(), exists ? Action.EXISTS : Action.CREATE));
        }
        files("secret", desired.secrets(), observed.secrets(), resources, diagnostics);
        files("config", desired.configs(), observed.configs(), resources, diagnostics);
        List<ServiceStep> services = new ArrayList<>();
        for (DesiredService service : desired.services().values()) {
            SwarmService current = observed.services().get(service.name());
            if (current == null) {
                services.add(new ServiceStep(service.key(), service.name(), Action.CREATE, List.of(), null));
                continue;
            }
            List<FieldChange> changes = changes(SpecFields.of(service.spec()), current, observed.networkNames());
            services.add(new ServiceStep(service.key(), service.name(), changes.isEmpty() ? Action.UNCHANGED : Action.UPDATE,
                    changes, current.id()));
        }
        if (prune) {
            Set<String> wanted = new TreeSet<>();
            desired.services().values().forEach(s -> wanted.add(s.name()));
            for (SwarmService current : observed.services().values()) {
                if (!wanted.contains(current.name())) {
                    services.add(new ServiceStep(current.name(), current.name(), Action.REMOVE, List.of(), current.id()));
                }
            }
        }
        return new StackPlan(desired.stack(), resources, services, diagnostics);
    }

    private static void files(String kind, Map<String, DesiredFile> desired, Map<String, SwarmObject> observed, List<Step> steps,
            List<Diagnostic> diagnostics) {
        for (DesiredFile file : desired.values()) {
            SwarmObject current = observed.get(file.name());
            String path = kind + "s." + file.key();
            if (current == null) {
                if (file.external()) {
                    diagnostics.add(Diagnostic.error("stack-external-missing", path, Location.UNKNOWN,
                            kind + " " + file.key() + " is declared as external, but " + kind + " " + file.name() + " does not exist"));
                }
                steps.add(new Step(kind, file.name(), Action.CREATE));
                continue;
            }
            String recorded = current.labels().get(StackLabels.CONTENT_HASH);
            if (!file.external() && recorded != null && !recorded.equals(file.hash())) {
                diagnostics.add(Diagnostic.error("stack-immutable", path, Location.UNKNOWN, kind + " " + file.name()
                        + " has changed, and a swarm " + kind + " cannot be changed in place: give it a new name (name: "
                        + file.name() + "_v2) or remove the stack first"));
            }
            steps.add(new Step(kind, file.name(), Action.EXISTS));
        }
    }

    /**
     * The fields that differ. A field the file sets changes when the service does not have that value now (an
     * edit of the file, or a change made since by hand: {@code service update --image}); a field the file no
     * longer sets changes when Berth had recorded it and the service still has it. Without a record (another
     * tool deployed it) fields the file does not set are the engine's defaults and are left alone.
     */
    static List<FieldChange> changes(SortedMap<String, String> desired, SwarmService current, Map<String, String> networkNames) {
        SortedMap<String, String> recorded = SpecFields.recorded(current.labels());
        SortedMap<String, String> now = new TreeMap<>(SpecFields.of(current.spec()));
        // Compare network attachments by name: the swarm answers with the id of the network the file named.
        now.replaceAll((path, value) -> NETWORK_TARGET.matcher(path).matches() ? networkNames.getOrDefault(value, value) : value);
        Set<String> paths = new TreeSet<>(desired.keySet());
        if (recorded != null) {
            paths.addAll(recorded.keySet());
        }
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        for (String path : paths) {
            String will = desired.get(path);
            String is = now.get(path);
            if (is == null && empty(will) || will == null && empty(is)) {
                // An empty object or list sets nothing: the engine drops "EndpointSpec": {} (a service without
                // ports), so it would otherwise read as a change on every re-deploy.
                continue;
            }
            if (will != null ? !will.equals(is) : is != null && recorded.containsKey(path)) {
                changes.put(path, new FieldChange(path, is, will));
            }
        }
        return List.copyOf(changes.values());
    }

    private static boolean empty(String value) {
        return "{}".equals(value) || "[]".equals(value);
    }
}
