package dev.berth.engine.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.compose.DependencyWalker.Order;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The one walker every verb orders its work with: dependency order where it matters, everything else at once. */
class DependencyWalkerTest {

    // web → api → db, worker → db, cache alone
    private static final Map<String, Set<String>> SHOP = Map.of(
            "web", Set.of("api"), "api", Set.of("db"), "worker", Set.of("db"), "db", Set.of(), "cache", Set.of());

    @Test
    void visitsDependenciesBeforeTheServicesThatNeedThem() {
        List<String> finished = new CopyOnWriteArrayList<>();

        DependencyWalker.walk(SHOP, Order.DEPENDENCIES_FIRST, (service, waitedFor) -> finished.add(service));

        assertThat(finished).hasSize(5);
        assertThat(finished.indexOf("db")).isLessThan(finished.indexOf("api")).isLessThan(finished.indexOf("web"));
        assertThat(finished.indexOf("db")).isLessThan(finished.indexOf("worker"));
    }

    @Test
    void visitsDependentsBeforeWhatTheyDependOn() {
        List<String> finished = new CopyOnWriteArrayList<>();

        DependencyWalker.walk(SHOP, Order.DEPENDENTS_FIRST, (service, waitedFor) -> finished.add(service));

        assertThat(finished.indexOf("web")).isLessThan(finished.indexOf("api")).isLessThan(finished.indexOf("db"));
        assertThat(finished.indexOf("worker")).isLessThan(finished.indexOf("db"));
    }

    @Test
    void aServiceStopsAsSoonAsItsOwnDependentsAreDoneNotWhenTheirWholeLayerIs() throws InterruptedException {
        // api waits for web only: it must be visited while worker (same "layer" as web) is still busy.
        CountDownLatch apiVisited = new CountDownLatch(1);
        CompletableFuture<Boolean> workerSawApi = new CompletableFuture<>();

        DependencyWalker.<Void>walk(SHOP, Order.DEPENDENTS_FIRST, (service, waitedFor) -> {
            switch (service) {
                case "worker" -> workerSawApi.complete(await(apiVisited));
                case "api" -> apiVisited.countDown();
                default -> { }
            }
            return null;
        });

        assertThat(workerSawApi.join()).as("api stopped while the slow worker was still stopping").isTrue();
    }

    @Test
    void independentServicesAreVisitedAtOnce() {
        CountDownLatch all = new CountDownLatch(3);
        Map<String, Set<String>> independent = Map.of("a", Set.of(), "b", Set.of(), "c", Set.of());

        var outcomes = DependencyWalker.<Boolean>walk(independent, Order.DEPENDENCIES_FIRST, (service, waitedFor) -> {
            all.countDown();
            return await(all); // true only if all three run together
        });

        assertThat(outcomes.values()).allSatisfy(outcome -> assertThat(outcome.join()).isTrue());
    }

    @Test
    void aVisitSeesTheFailureOfWhatItWaitedForAndTheWalkGoesOn() {
        var outcomes = DependencyWalker.<Boolean>walk(SHOP, Order.DEPENDENCIES_FIRST, (service, waitedFor) -> {
            if (service.equals("db")) {
                throw new ComposeException("db broke");
            }
            return waitedFor.values().stream().anyMatch(CompletableFuture::isCompletedExceptionally);
        });

        assertThat(outcomes.get("api").join()).isTrue();
        assertThat(outcomes.get("cache").join()).isFalse();
        assertThat(DependencyWalker.failures(outcomes)).containsExactly("db broke");
    }

    @Test
    void ignoresDependenciesOutsideTheWalkAndSurvivesACycle() {
        Map<String, Set<String>> odd = Map.of("a", Set.of("b", "elsewhere"), "b", Set.of("a"), "c", Set.of("a"));
        List<String> visited = new CopyOnWriteArrayList<>();

        DependencyWalker.walk(odd, Order.DEPENDENCIES_FIRST, (service, waitedFor) -> visited.add(service));

        assertThat(visited).containsExactlyInAnyOrder("a", "b", "c");
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
