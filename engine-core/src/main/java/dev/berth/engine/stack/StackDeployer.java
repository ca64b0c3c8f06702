package dev.berth.engine.stack;

import dev.berth.engine.api.EngineApiException;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineJson;
import dev.berth.engine.api.Filters;
import dev.berth.engine.api.model.Network;
import dev.berth.engine.stack.StackPlan.Action;
import dev.berth.engine.stack.StackPlan.ServiceStep;
import dev.berth.engine.stack.StackSpec.DesiredFile;
import dev.berth.engine.stack.StackSpec.DesiredNetwork;
import dev.berth.engine.stack.StackSpec.DesiredService;
import dev.berth.engine.swarm.ServicesApi;
import dev.berth.engine.swarm.Swarm;
import dev.berth.engine.swarm.SwarmObject;
import dev.berth.engine.swarm.SwarmObjectsApi;
import dev.berth.engine.swarm.SwarmService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * {@code stack deploy}: observe what the swarm holds for the stack, plan ({@link StackPlanner}), then create
 * the networks, secrets and configs, create or update each service whose spec changed (the swarm rolls an
 * update out per the service's {@code update_config}) and, with {@code prune}, remove services gone from the
 * file. A dry run stops after the plan.
 */
public final class StackDeployer {

    /** {@code always}: pin every image to its registry digest; {@code changed}: only new or changed images; {@code never}. */
    public enum ResolveImage { ALWAYS, CHANGED, NEVER }

    public record Options(boolean prune, ResolveImage resolveImage, boolean dryRun) {
        public static Options defaults() {
            return new Options(false, ResolveImage.ALWAYS, false);
        }
    }

    /** The plan and what came of it: warnings the engine or the image resolution gave. */
    public record Result(StackPlan plan, List<String> warnings) {}

    private final EngineClient client;
    private final Swarm swarm;
    private final Consumer<String> progress;

    /** {@code progress} receives one line per step ("Creating service demo_web"). */
    public StackDeployer(EngineClient client, Consumer<String> progress) {
        this.client = client;
        this.swarm = new Swarm(client);
        this.progress = progress;
    }

    public Result deploy(StackSpec desired, Options options) {
        if (desired.hasErrors()) {
            throw new StackException("Stack " + desired.stack() + " cannot be deployed", desired.diagnostics());
        }
        Stacks.requireManager(swarm);
        StackPlan plan = StackPlanner.plan(desired, observe(desired), options.prune());
        if (plan.diagnostics().stream().anyMatch(d -> d.isError())) {
            throw new StackException("Stack " + desired.stack() + " cannot be deployed", plan.diagnostics());
        }
        List<String> warnings = new ArrayList<>();
        if (options.dryRun()) {
            return new Result(plan, warnings);
        }
        for (DesiredNetwork network : desired.networks().values()) {
            if (!network.external() && step(plan, "network", network.name()) == Action.CREATE) {
                progress.accept("Creating network " + network.name());
                client.requests().send("POST", "/networks/create", network.create(), "Creating network " + network.name());
            }
        }
        Map<String, String> secretIds = files(desired.secrets(), swarm.secrets(), "secret", plan);
        Map<String, String> configIds = files(desired.configs(), swarm.configs(), "config", plan);
        Map<String, SwarmService> current = services(desired.stack());
        for (ServiceStep step : plan.services()) {
            switch (step.action()) {
                case CREATE -> create(desired.services().get(step.key()), secretIds, configIds, options, warnings);
                case UPDATE -> update(desired.services().get(step.key()), current.get(step.name()), secretIds, configIds, options, warnings);
                case REMOVE -> {
                    progress.accept("Removing service " + step.name());
                    swarm.services().remove(step.id());
                }
                default -> { }
            }
        }
        return new Result(plan, warnings);
    }

    private StackPlanner.Observed observe(StackSpec desired) {
        Set<String> networks = new HashSet<>();
        Map<String, String> networkNames = new HashMap<>();
        for (Network network : client.networks().list(Filters.none())) {
            networks.add(network.name());
            networkNames.put(network.id(), network.name());
        }
        return new StackPlanner.Observed(networks, networkNames, byName(swarm.secrets().list(Filters.none())),
                byName(swarm.configs().list(Filters.none())), services(desired.stack()));
    }

    private static Map<String, SwarmObject> byName(List<SwarmObject> objects) {
        Map<String, SwarmObject> map = new HashMap<>();
        objects.forEach(o -> map.put(o.name(), o));
        return map;
    }

    private Map<String, SwarmService> services(String stack) {
        Map<String, SwarmService> map = new LinkedHashMap<>();
        swarm.services().list(Stacks.ofStack(stack)).forEach(s -> map.put(s.name(), s));
        return map;
    }

    private static Action step(StackPlan plan, String kind, String name) {
        return plan.resources().stream().filter(s -> s.kind().equals(kind) && s.name().equals(name)).map(StackPlan.Step::action)
                .findFirst().orElse(Action.EXISTS);
    }

    /** Creates the missing ones; returns every object's id by name (external ones looked up). */
    private Map<String, String> files(Map<String, DesiredFile> desired, SwarmObjectsApi api, String kind, StackPlan plan) {
        Map<String, String> ids = new HashMap<>();
        api.list(Filters.none()).forEach(o -> ids.put(o.name(), o.id()));
        for (DesiredFile file : desired.values()) {
            if (!file.external() && step(plan, kind, file.name()) == Action.CREATE) {
                progress.accept("Creating " + kind + " " + file.name());
                ids.put(file.name(), api.create(file.name(), file.labels(), file.data()));
            }
        }
        return ids;
    }

    private void create(DesiredService service, Map<String, String> secretIds, Map<String, String> configIds, Options options,
            List<String> warnings) {
        Map<String, Object> spec = sendable(service, secretIds, configIds, options.resolveImage() != ResolveImage.NEVER, warnings);
        progress.accept("Creating service " + service.name());
        ServicesApi.Outcome outcome = swarm.services().create(spec);
        warnings.addAll(outcome.warnings());
    }

    private void update(DesiredService service, SwarmService current, Map<String, String> secretIds, Map<String, String> configIds,
            Options options, List<String> warnings) {
        boolean imageChanged = !String.valueOf(service.image()).equals(current.labels().get(StackLabels.IMAGE));
        boolean resolve = options.resolveImage() == ResolveImage.ALWAYS || options.resolveImage() == ResolveImage.CHANGED && imageChanged;
        Map<String, Object> spec = sendable(service, secretIds, configIds, resolve, warnings);
        if (!resolve && !imageChanged) {
            // keep the digest the running service was pinned to
            containerSpec(spec).put("Image", current.image());
        }
        JsonNode force = current.spec().path("TaskTemplate").path("ForceUpdate");
        if (!force.isMissingNode()) {
            task(spec).put("ForceUpdate", force.asLong());
        }
        progress.accept("Updating service " + service.name());
        warnings.addAll(swarm.services().update(current.id(), current.version(), spec).warnings());
    }

    /** The spec as sent: secret and config ids filled in, the record label added, the image pinned if asked. */
    private Map<String, Object> sendable(DesiredService service, Map<String, String> secretIds, Map<String, String> configIds,
            boolean resolve, List<String> warnings) {
        Map<String, Object> spec = deepCopy(service.spec());
        @SuppressWarnings("unchecked")
        Map<String, String> labels = (Map<String, String>) spec.get("Labels");
        labels.put(StackLabels.SPEC_FIELDS, SpecFields.toLabel(SpecFields.of(service.spec())));
        Map<String, Object> container = containerSpec(spec);
        fillIds(container.get("Secrets"), "Secret", secretIds);
        fillIds(container.get("Configs"), "Config", configIds);
        if (resolve && service.image() != null) {
            container.put("Image", pinned(service.image(), warnings));
        }
        return spec;
    }

    /**
     * The image with its registry digest ({@code name:tag@sha256:…}), as {@code docker stack deploy} pins it so
     * every node runs the same bytes; when no registry answers (a local image) it stays as written, with the
     * docker CLI's warning.
     */
    private String pinned(String image, List<String> warnings) {
        if (image.contains("@sha256:")) {
            return image;
        }
        try {
            JsonNode answer = client.requests().get("/distribution/" + image + "/json", "Resolving image " + image);
            String digest = answer.path("Descriptor").path("digest").asString(null);
            return digest == null ? image : image + "@" + digest;
        } catch (EngineApiException e) {
            warnings.add("image " + image + " could not be accessed on a registry to record its digest. Each node will access "
                    + image + " independently, possibly leading to different nodes running different versions of the image.");
            return image;
        }
    }

    @SuppressWarnings("unchecked")
    private static void fillIds(Object references, String kind, Map<String, String> ids) {
        if (references instanceof List<?> list) {
            for (Object reference : list) {
                Map<String, Object> r = (Map<String, Object>) reference;
                String id = ids.get((String) r.get(kind + "Name"));
                if (id == null) {
                    throw new StackException(kind.toLowerCase() + " " + r.get(kind + "Name") + " does not exist");
                }
                r.put(kind + "ID", id);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> task(Map<String, Object> spec) {
        return (Map<String, Object>) spec.get("TaskTemplate");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> containerSpec(Map<String, Object> spec) {
        return (Map<String, Object>) task(spec).get("ContainerSpec");
    }

    /** A copy to fill in, through JSON: the desired spec stays as planned. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> spec) {
        return EngineJson.MAPPER.convertValue(spec, LinkedHashMap.class);
    }
}
