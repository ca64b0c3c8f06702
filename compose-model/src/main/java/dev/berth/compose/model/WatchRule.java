package dev.berth.compose.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of a service's {@code develop.watch} (the Compose spec's "develop" section, what {@code docker
 * compose watch} follows): changes under {@code path} (absolute: the loader resolves it against the project
 * directory) are synced to {@code target} in the service's containers, or rebuild the service, per
 * {@code action}.
 *
 * @param target the path in the container; null for {@code rebuild} and {@code restart}
 * @param ignore patterns relative to {@code path} ({@code .dockerignore} syntax) whose changes do nothing
 * @param include when non-empty, only changes matching one of these patterns count
 * @param exec for {@code sync+exec}: the command run in each container after syncing
 */
public record WatchRule(Action action, String path, String target, List<String> ignore, List<String> include,
                        boolean initialSync, List<String> exec) {

    /** The spec's actions. */
    public enum Action {
        SYNC("sync"), REBUILD("rebuild"), RESTART("restart"), SYNC_RESTART("sync+restart"), SYNC_EXEC("sync+exec");

        private final String word;

        Action(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        public boolean syncs() {
            return this == SYNC || this == SYNC_RESTART || this == SYNC_EXEC;
        }

        /** The action a file names, or null for one this Berth does not know. */
        public static Action of(String word) {
            for (Action action : values()) {
                if (action.word.equals(word)) {
                    return action;
                }
            }
            return null;
        }
    }

    public WatchRule {
        ignore = List.copyOf(ignore);
        include = List.copyOf(include);
        exec = List.copyOf(exec);
    }

    /** The service's watch rules in file order; actions Berth does not know are left out. */
    public static List<WatchRule> of(ServiceSpec service) {
        Map<String, Object> develop = service.develop();
        if (develop == null || !(develop.get("watch") instanceof List<?> watch)) {
            return List.of();
        }
        List<WatchRule> rules = new ArrayList<>();
        for (Object item : watch) {
            if (!(item instanceof Map<?, ?> trigger)) {
                continue;
            }
            Action action = Action.of(string(trigger.get("action")));
            String path = string(trigger.get("path"));
            if (action == null || path == null) {
                continue;
            }
            rules.add(new WatchRule(action, path, string(trigger.get("target")), strings(trigger.get("ignore")),
                    strings(trigger.get("include")), Boolean.TRUE.equals(trigger.get("initial_sync"))
                    || "true".equals(string(trigger.get("initial_sync"))), command(trigger.get("exec"))));
        }
        return List.copyOf(rules);
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().filter(v -> v != null).map(Object::toString).toList();
        }
        return value == null ? List.of() : List.of(value.toString());
    }

    /** {@code exec.command}: a list, or a string run by {@code sh -c} (as compose does for a string command). */
    private static List<String> command(Object exec) {
        if (!(exec instanceof Map<?, ?> hook)) {
            return List.of();
        }
        Object command = hook.get("command");
        if (command instanceof String text) {
            return List.of("/bin/sh", "-c", text);
        }
        return strings(command);
    }
}
