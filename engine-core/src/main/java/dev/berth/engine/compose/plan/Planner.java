package dev.berth.engine.compose.plan;

import dev.berth.engine.compose.ResourceNames;
import dev.berth.engine.compose.ServiceContainer;
import dev.berth.engine.compose.plan.DesiredState.DesiredResource;
import dev.berth.engine.compose.plan.DesiredState.DesiredService;
import dev.berth.engine.compose.plan.Operation.Action;
import dev.berth.engine.compose.plan.PlanOptions.RecreatePolicy;
import dev.berth.engine.compose.progress.ResourceKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns (desired, observed) into a {@link Plan}. A pure function: no engine, no clock, no randomness, so
 * the same inputs always give the same plan and golden tests can pin it down.
 *
 * <p>The rules follow Compose v2's convergence: excess replicas are removed (highest numbers, diverged
 * ones first), each kept container is recreated when its configuration hash or image changed (or when a
 * service it shares namespaces with is recreated), started when it is not running, and missing replicas
 * are created in the lowest free numbers.
 */
public final class Planner {

    private Planner() {}

    public static Plan plan(DesiredState desired, ObservedState observed, PlanOptions options) {
        List<Operation> operations = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        for (DesiredResource network : desired.networks()) {
            operations.add(resourceOperation(ResourceKind.NETWORK, network, observed.networks()));
        }
        for (DesiredResource volume : desired.volumes()) {
            operations.add(resourceOperation(ResourceKind.VOLUME, volume, observed.volumes()));
        }

        Set<String> recreated = new HashSet<>();
        for (DesiredService service : desired.services()) {
            List<ServiceContainer> containers = observed.containers().stream()
                    .filter(container -> !container.oneOff() && container.service().equals(service.name()))
                    .sorted(Comparator.comparingInt(ServiceContainer::number))
                    .toList();
            planService(desired.project(), service, containers, options, recreated, operations);
        }

        List<ServiceContainer> orphans = observed.containers().stream()
                .filter(container -> !container.oneOff() && !desired.knownServices().contains(container.service()))
                .sorted(Comparator.comparing(ServiceContainer::name))
                .toList();
        if (options.removeOrphans()) {
            for (ServiceContainer orphan : orphans) {
                operations.add(new Operation(Action.REMOVE, ResourceKind.CONTAINER, orphan.name(), orphan.service(),
                        orphan.number(), List.of(new Cause.Orphan(orphan.service())), orphan));
            }
        } else if (!orphans.isEmpty()) {
            warnings.add("Found orphan containers (" + String.join(", ", orphans.stream().map(ServiceContainer::name).toList())
                    + ") for this project. If you removed or renamed this service in your compose file, "
                    + "you can run this command with the --remove-orphans flag to clean it up.");
        }
        return new Plan(desired.project(), operations, warnings, desired.services());
    }

    private static Operation resourceOperation(ResourceKind kind, DesiredResource resource, Set<String> existing) {
        if (resource.external()) {
            return new Operation(Action.CHECK_EXISTS, kind, resource.name(), null, 0, List.of(new Cause.External()));
        }
        if (existing.contains(resource.name())) {
            return new Operation(Action.NONE, kind, resource.name(), null, 0, List.of(new Cause.UpToDate()));
        }
        return new Operation(Action.CREATE, kind, resource.name(), null, 0, List.of(new Cause.Missing()));
    }

    private static void planService(
            String project,
            DesiredService service,
            List<ServiceContainer> containers,
            PlanOptions options,
            Set<String> recreated,
            List<Operation> operations) {
        int wanted = options.scale().getOrDefault(service.name(), service.replicas());

        // Keep the up-to-date containers with the lowest numbers; remove the rest beyond the wanted count.
        List<ServiceContainer> byPreference = new ArrayList<>(containers);
        byPreference.sort(Comparator.comparing((ServiceContainer c) -> diverged(service, c))
                .thenComparingInt(ServiceContainer::number));
        List<ServiceContainer> kept = new ArrayList<>(byPreference.subList(0, Math.min(wanted, byPreference.size())));
        kept.sort(Comparator.comparingInt(ServiceContainer::number));
        List<ServiceContainer> removed = byPreference.subList(kept.size(), byPreference.size()).stream()
                .sorted(Comparator.comparingInt(ServiceContainer::number).reversed())
                .toList();

        List<Operation> serviceOperations = new ArrayList<>();
        boolean serviceRecreated = false;
        for (ServiceContainer container : kept) {
            Operation operation = convergeContainer(service, container, options.recreate(), recreated);
            serviceRecreated |= operation.action() == Action.RECREATE;
            serviceOperations.add(operation);
        }

        Set<Integer> used = new TreeSet<>();
        kept.forEach(container -> used.add(container.number()));
        int missing = wanted - kept.size();
        int number = 1;
        for (int i = 0; i < missing; i++) {
            while (used.contains(number)) {
                number++;
            }
            used.add(number);
            Cause cause = containers.isEmpty() ? new Cause.Missing() : new Cause.ScaleUp(wanted);
            serviceOperations.add(new Operation(Action.CREATE, ResourceKind.CONTAINER,
                    containerName(project, service, number), service.name(), number, List.of(cause)));
        }
        for (ServiceContainer container : removed) {
            serviceOperations.add(new Operation(Action.REMOVE, ResourceKind.CONTAINER, container.name(), service.name(),
                    container.number(), List.of(new Cause.ScaleDown(wanted)), container));
        }
        serviceOperations.sort(Comparator.comparingInt(Operation::number));
        operations.addAll(serviceOperations);
        if (serviceRecreated) {
            recreated.add(service.name());
        }
    }

    private static Operation convergeContainer(
            DesiredService service, ServiceContainer container, RecreatePolicy policy, Set<String> recreated) {
        List<Cause> reasons = new ArrayList<>();
        if (policy == RecreatePolicy.FORCE) {
            reasons.add(new Cause.ForceRecreate());
        } else {
            if (!Objects.equals(service.configHash(), container.configHash())) {
                reasons.add(new Cause.ConfigChanged(FieldDiff.between(container.configFields(), service.configFields())));
            }
            if (service.imageId() != null && container.imageId() != null && !service.imageId().equals(container.imageId())) {
                reasons.add(new Cause.ImageChanged(container.imageId(), service.imageId()));
            }
            service.sharedWith().stream().filter(recreated::contains).sorted()
                    .forEach(dependency -> reasons.add(new Cause.DependencyRecreated(dependency)));
        }
        Action action;
        List<Cause> causes;
        if (!reasons.isEmpty() && policy != RecreatePolicy.NEVER) {
            action = Action.RECREATE;
            causes = reasons;
        } else if (!container.isUp()) {
            action = Action.START;
            causes = List.of(new Cause.NotRunning(container.state().engineName()));
        } else if (!reasons.isEmpty()) {
            action = Action.NONE;
            causes = reasons.stream().map(reason -> (Cause) new Cause.RecreateSuppressed(reason)).toList();
        } else {
            List<Cause> restartCauses = service.restartWith().stream().filter(recreated::contains).sorted()
                    .map(dependency -> (Cause) new Cause.DependencyRecreated(dependency)).toList();
            action = restartCauses.isEmpty() ? Action.NONE : Action.RESTART;
            causes = restartCauses.isEmpty() ? List.of(new Cause.UpToDate()) : restartCauses;
        }
        return new Operation(action, ResourceKind.CONTAINER, container.name(), service.name(), container.number(), causes,
                container);
    }

    private static boolean diverged(DesiredService service, ServiceContainer container) {
        return !Objects.equals(service.configHash(), container.configHash());
    }

    private static String containerName(String project, DesiredService service, int number) {
        return service.containerName() != null ? service.containerName() : ResourceNames.containerName(project, service.name(), number);
    }

    /** Field-by-field comparison of two flattened configurations. */
    static final class FieldDiff {
        private FieldDiff() {}

        static List<FieldChange> between(Map<String, String> before, Map<String, String> after) {
            if (before.isEmpty()) {
                return List.of(); // not recorded (created by another tool): the hash alone says "changed"
            }
            Set<String> paths = new TreeSet<>(before.keySet());
            paths.addAll(after.keySet());
            List<FieldChange> changes = new ArrayList<>();
            for (String path : paths) {
                String old = before.get(path);
                String now = after.get(path);
                if (!Objects.equals(old, now)) {
                    changes.add(new FieldChange(path, old, now));
                }
            }
            return changes;
        }
    }
}
