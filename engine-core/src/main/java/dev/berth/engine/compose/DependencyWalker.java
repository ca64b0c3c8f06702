package dev.berth.engine.compose;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Orders every verb by the services' dependencies, as Compose v2's {@code InDependencyOrder} and
 * {@code InReverseDependencyOrder} do: a service is visited as soon as the services it waits for are done,
 * and every service that waits for nothing pending is visited at once, each on its own virtual thread. So
 * {@code up} starts a service the moment its dependencies are up, and {@code down} stops a service the moment
 * nothing that depends on it still runs, without waiting for unrelated services (or their stop timeouts).
 *
 * <p>A visit runs whether or not the visits it waited for succeeded; it gets their outcomes and decides (a
 * required dependency that failed fails it, an optional one is a warning, a stop goes on regardless).
 * Dependencies on services outside the walk are ignored, and so is a cycle (only labels written by hand
 * can make one): its members are then visited together.
 */
final class DependencyWalker {

    /** Which way the edges are followed. */
    enum Order {
        /** Dependencies before the services that need them: up, start, restart. */
        DEPENDENCIES_FIRST,
        /** Dependents before what they depend on: stop, down, rm -s. */
        DEPENDENTS_FIRST,
        /** No order at all, everything at once: pause, unpause, kill. */
        NONE
    }

    /** One service's visit; {@code waitedFor} holds the (finished) outcomes of the services it waited for. */
    @FunctionalInterface
    interface Visit<T> {
        T visit(String service, Map<String, CompletableFuture<T>> waitedFor);
    }

    private DependencyWalker() {}

    /**
     * Visits every service of {@code dependsOn}'s key set and returns when all visits are done.
     *
     * @param dependsOn each service and the services it depends on
     * @return every service's outcome, completed (normally or exceptionally), in the walk's order
     */
    static <T> Map<String, CompletableFuture<T>> walk(Map<String, ? extends Collection<String>> dependsOn, Order order,
                                                      Visit<T> visit) {
        Map<String, Set<String>> waitsFor = waitsFor(dependsOn, order);
        Map<String, CompletableFuture<T>> outcomes = new LinkedHashMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String service : topological(waitsFor)) {
                Map<String, CompletableFuture<T>> waitedFor = new LinkedHashMap<>();
                waitsFor.get(service).forEach(other -> waitedFor.put(other, outcomes.get(other)));
                CompletableFuture<T> outcome = CompletableFuture.allOf(waitedFor.values().toArray(CompletableFuture[]::new))
                        .handle((ignored, error) -> null)
                        .thenApplyAsync(ignored -> visit.visit(service, waitedFor), threads);
                outcomes.put(service, outcome);
            }
            // Every visit is submitted by the one before it: wait for them all before the executor shuts down.
            CompletableFuture.allOf(outcomes.values().toArray(CompletableFuture[]::new)).handle((ignored, error) -> null).join();
        }
        return outcomes;
    }

    /** The failure messages of the visits that failed, in the walk's order (empty when all succeeded). */
    static List<String> failures(Map<String, ? extends CompletableFuture<?>> outcomes) {
        List<String> failures = new ArrayList<>();
        outcomes.values().forEach(outcome -> {
            try {
                outcome.join();
            } catch (CompletionException e) {
                failures.add(messageOf(e));
            }
        });
        return failures;
    }

    /** Throws a {@link ComposeException} naming every failed visit, if any failed. */
    static void throwIfFailed(Map<String, ? extends CompletableFuture<?>> outcomes) {
        List<String> failures = failures(outcomes);
        if (!failures.isEmpty()) {
            throw new ComposeException(String.join("\n", failures));
        }
    }

    /** The message of a failure, unwrapped from the futures' wrapping. */
    static String messageOf(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** For each service, the services whose visits it waits for, with the edges inside the walk only. */
    private static Map<String, Set<String>> waitsFor(Map<String, ? extends Collection<String>> dependsOn, Order order) {
        Map<String, Set<String>> waitsFor = new LinkedHashMap<>();
        dependsOn.keySet().forEach(service -> waitsFor.put(service, new LinkedHashSet<>()));
        if (order == Order.NONE) {
            return waitsFor;
        }
        dependsOn.forEach((service, dependencies) -> {
            for (String dependency : dependencies) {
                if (!waitsFor.containsKey(dependency) || dependency.equals(service)) {
                    continue;
                }
                if (order == Order.DEPENDENCIES_FIRST) {
                    waitsFor.get(service).add(dependency);
                } else {
                    waitsFor.get(dependency).add(service);
                }
            }
        });
        return waitsFor;
    }

    /**
     * The services in an order where each comes after those it waits for (Kahn's algorithm, stable). Members
     * of a cycle lose their edges to each other and come last.
     */
    private static List<String> topological(Map<String, Set<String>> waitsFor) {
        Map<String, Integer> pending = new HashMap<>();
        Map<String, List<String>> waitedOnBy = new HashMap<>();
        waitsFor.forEach((service, others) -> {
            pending.put(service, others.size());
            others.forEach(other -> waitedOnBy.computeIfAbsent(other, key -> new ArrayList<>()).add(service));
        });
        List<String> order = new ArrayList<>();
        Deque<String> ready = new ArrayDeque<>();
        waitsFor.keySet().stream().filter(service -> pending.get(service) == 0).forEach(ready::add);
        while (!ready.isEmpty()) {
            String service = ready.poll();
            order.add(service);
            for (String waiting : waitedOnBy.getOrDefault(service, List.of())) {
                if (pending.merge(waiting, -1, Integer::sum) == 0) {
                    ready.add(waiting);
                }
            }
        }
        if (order.size() < waitsFor.size()) {
            Set<String> inCycle = new LinkedHashSet<>(waitsFor.keySet());
            order.forEach(inCycle::remove);
            for (String service : inCycle) {
                waitsFor.get(service).removeAll(inCycle);
                order.add(service);
            }
        }
        return order;
    }
}
