package dev.berth.engine.compose.plan;

import java.util.List;
import java.util.stream.Collectors;

/** Why the planner chose an operation; every operation carries at least one. */
public sealed interface Cause {

    /** A sentence for people: shown by {@code up --dry-run}, the GUI's plan preview and logs. */
    String describe();

    /** No container exists for this slot yet. */
    record Missing() implements Cause {
        public String describe() {
            return "no container yet";
        }
    }

    /** The service's configuration hash differs from the container's; {@code changes} says where, when known. */
    record ConfigChanged(List<FieldChange> changes) implements Cause {
        public ConfigChanged {
            changes = List.copyOf(changes);
        }

        public String describe() {
            if (changes.isEmpty()) {
                return "configuration changed";
            }
            return "configuration changed: " + changes.stream().map(FieldChange::describe).collect(Collectors.joining(", "));
        }
    }

    /** The image the service names now resolves to another image than the one the container runs. */
    record ImageChanged(String running, String wanted) implements Cause {
        public String describe() {
            return "image changed (" + shortId(running) + " → " + shortId(wanted) + ")";
        }
    }

    /** {@code --force-recreate}. */
    record ForceRecreate() implements Cause {
        public String describe() {
            return "--force-recreate";
        }
    }

    /** A service this one shares a namespace or volumes with is recreated, so this one must follow. */
    record DependencyRecreated(String dependency) implements Cause {
        public String describe() {
            return "dependency " + dependency + " is recreated";
        }
    }

    /** The container exists but is not running. */
    record NotRunning(String state) implements Cause {
        public String describe() {
            return "container is " + state;
        }
    }

    /** More containers than wanted replicas. */
    record ScaleDown(int wanted) implements Cause {
        public String describe() {
            return "scale down to " + wanted;
        }
    }

    /** Fewer containers than wanted replicas. */
    record ScaleUp(int wanted) implements Cause {
        public String describe() {
            return "scale up to " + wanted;
        }
    }

    /** A container of the project whose service is no longer defined. */
    record Orphan(String service) implements Cause {
        public String describe() {
            return "orphan: service " + service + " is not in the project";
        }
    }

    /** The configuration changed but {@code --no-recreate} keeps the container. */
    record RecreateSuppressed(Cause suppressed) implements Cause {
        public String describe() {
            return "kept because of --no-recreate (" + suppressed.describe() + ")";
        }
    }

    /** Everything matches. */
    record UpToDate() implements Cause {
        public String describe() {
            return "up to date";
        }
    }

    /** The resource is declared external and must already exist. */
    record External() implements Cause {
        public String describe() {
            return "external: must exist";
        }
    }

    private static String shortId(String id) {
        if (id == null || id.isEmpty()) {
            return "none";
        }
        String bare = id.startsWith("sha256:") ? id.substring(7) : id;
        return bare.length() > 12 ? bare.substring(0, 12) : bare;
    }
}
