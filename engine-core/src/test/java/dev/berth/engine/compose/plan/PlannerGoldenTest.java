package dev.berth.engine.compose.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.compose.ContainerHealth;
import dev.berth.engine.compose.ContainerState;
import dev.berth.engine.compose.ServiceContainer;
import dev.berth.engine.compose.plan.DesiredState.DesiredResource;
import dev.berth.engine.compose.plan.DesiredState.DesiredService;
import dev.berth.engine.compose.plan.PlanOptions.RecreatePolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Golden tests of the planner: desired + observed → plan text, without an engine. */
class PlannerGoldenTest {

    private static final Map<String, String> WEB_V1 = Map.of("image", "busybox", "environment.FOO", "a");
    private static final Map<String, String> WEB_V2 = Map.of("image", "busybox", "environment.FOO", "b");
    private static final Map<String, String> DB = Map.of("image", "postgres");

    @Test
    void createsEverythingForANewProjectDependenciesFirst() {
        Plan plan = Planner.plan(project(db(), web(1, WEB_V1)), ObservedState.empty(), PlanOptions.defaults());

        assertThat(plan.render()).isEqualTo("""
                Plan for project demo: 4 changes
                  create    Network demo_default  (no container yet)
                  create    Volume demo_data  (no container yet)
                  create    Container demo-db-1  (no container yet)
                  create    Container demo-web-1  (no container yet)
                """);
    }

    @Test
    void leavesAnUpToDateRunningProjectAlone() {
        ObservedState observed = observed(running("demo-db-1", "db", 1, DB), running("demo-web-1", "web", 1, WEB_V1));

        Plan plan = Planner.plan(project(db(), web(1, WEB_V1)), observed, PlanOptions.defaults());

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.render()).isEqualTo("""
                Plan for project demo: 0 changes
                  unchanged Network demo_default  (up to date)
                  unchanged Volume demo_data  (up to date)
                  unchanged Container demo-db-1  (up to date)
                  unchanged Container demo-web-1  (up to date)
                """);
    }

    @Test
    void recreatesAChangedServiceAndNamesTheChangedField() {
        ObservedState observed = observed(running("demo-db-1", "db", 1, DB), running("demo-web-1", "web", 1, WEB_V1));

        Plan plan = Planner.plan(project(db(), web(1, WEB_V2)), observed, PlanOptions.defaults());

        assertThat(plan.forService("web")).singleElement().satisfies(operation ->
                assertThat(operation.describe()).isEqualTo(
                        "recreate  Container demo-web-1  (configuration changed: environment.FOO a → b)"));
        assertThat(plan.changes()).hasSize(1);
    }

    @Test
    void saysOnlyThatTheConfigurationChangedForContainersOfOtherTools() {
        ServiceContainer foreign = observedContainer("id-web", "demo-web-1", "web", 1, "running", "otherhash", "img", false, Map.of());

        Plan plan = Planner.plan(project(web(1, WEB_V1)), observed(foreign), PlanOptions.defaults());

        assertThat(plan.forService("web").getFirst().describe())
                .isEqualTo("recreate  Container demo-web-1  (configuration changed)");
    }

    @Test
    void startsAStoppedContainerInsteadOfRecreatingIt() {
        ServiceContainer exited = container("demo-web-1", "web", 1, "exited", WEB_V1);

        Plan plan = Planner.plan(project(web(1, WEB_V1)), observed(exited), PlanOptions.defaults());

        assertThat(plan.forService("web").getFirst().describe()).isEqualTo("start     Container demo-web-1  (container is exited)");
    }

    @Test
    void scalesUpIntoTheLowestFreeNumbersAndDownFromTheHighest() {
        Plan up = Planner.plan(project(web(3, WEB_V1)), observed(running("demo-web-2", "web", 2, WEB_V1)), PlanOptions.defaults());
        assertThat(up.forService("web")).extracting(Operation::describe).containsExactly(
                "create    Container demo-web-1  (scale up to 3)",
                "unchanged Container demo-web-2  (up to date)",
                "create    Container demo-web-3  (scale up to 3)");

        ObservedState three = observed(running("demo-web-1", "web", 1, WEB_V1), running("demo-web-2", "web", 2, WEB_V1),
                running("demo-web-3", "web", 3, WEB_V1));
        Plan down = Planner.plan(project(web(3, WEB_V1)), three, PlanOptions.defaults().withScale(Map.of("web", 1)));
        assertThat(down.forService("web")).extracting(Operation::describe).containsExactly(
                "unchanged Container demo-web-1  (up to date)",
                "remove    Container demo-web-2  (scale down to 1)",
                "remove    Container demo-web-3  (scale down to 1)");
    }

    @Test
    void scalingDownRemovesDivergedContainersFirst() {
        ObservedState observed = observed(container("demo-web-1", "web", 1, "running", WEB_V1, "stalehash"),
                running("demo-web-2", "web", 2, WEB_V1));

        Plan plan = Planner.plan(project(web(1, WEB_V1)), observed, PlanOptions.defaults());

        assertThat(plan.forService("web")).extracting(Operation::describe).containsExactly(
                "remove    Container demo-web-1  (scale down to 1)",
                "unchanged Container demo-web-2  (up to date)");
    }

    @Test
    void forceRecreateRecreatesEvenWhenNothingChanged() {
        Plan plan = Planner.plan(project(web(1, WEB_V1)), observed(running("demo-web-1", "web", 1, WEB_V1)),
                PlanOptions.defaults().withRecreate(RecreatePolicy.FORCE));

        assertThat(plan.forService("web").getFirst().describe()).isEqualTo("recreate  Container demo-web-1  (--force-recreate)");
    }

    @Test
    void noRecreateKeepsAChangedContainerAndSaysWhy() {
        Plan plan = Planner.plan(project(web(1, WEB_V2)), observed(running("demo-web-1", "web", 1, WEB_V1)),
                PlanOptions.defaults().withRecreate(RecreatePolicy.NEVER));

        assertThat(plan.forService("web").getFirst().describe()).isEqualTo(
                "unchanged Container demo-web-1  (kept because of --no-recreate (configuration changed: environment.FOO a → b))");
    }

    @Test
    void warnsAboutOrphansAndRemovesThemOnlyWhenAsked() {
        ObservedState observed = observed(running("demo-web-1", "web", 1, WEB_V1), running("demo-old-1", "old", 1, DB));

        Plan kept = Planner.plan(project(web(1, WEB_V1)), observed, PlanOptions.defaults());
        assertThat(kept.changes()).isEmpty();
        assertThat(kept.warnings()).singleElement().asString().startsWith("Found orphan containers (demo-old-1)");

        Plan removed = Planner.plan(project(web(1, WEB_V1)), observed, PlanOptions.defaults().withRemoveOrphans(true));
        assertThat(removed.changes()).extracting(Operation::describe)
                .containsExactly("remove    Container demo-old-1  (orphan: service old is not in the project)");
    }

    @Test
    void containersOfServicesDisabledByProfilesAreNotOrphans() {
        DesiredState desired = new DesiredState("demo", List.of(web(1, WEB_V1)), List.of(), List.of(), Set.of("web", "seed"));
        ObservedState observed = observed(running("demo-web-1", "web", 1, WEB_V1), running("demo-seed-1", "seed", 1, DB));

        assertThat(Planner.plan(desired, observed, PlanOptions.defaults().withRemoveOrphans(true)).changes()).isEmpty();
    }

    @Test
    void recreatingAServiceRecreatesThoseSharingItsNamespaceAndRestartsThoseAskingForIt() {
        DesiredService db = new DesiredService("db", 1, "hash-db-v2", Map.of("image", "postgres:16"), null, null, Set.of(), Set.of());
        DesiredService sidecar = new DesiredService("sidecar", 1, hash(DB), DB, null, null, Set.of("db"), Set.of());
        DesiredService api = new DesiredService("api", 1, hash(DB), DB, null, null, Set.of(), Set.of("db"));
        DesiredState desired = new DesiredState("demo", List.of(db, sidecar, api), List.of(), List.of(), Set.of("db", "sidecar", "api"));
        ObservedState observed = observed(running("demo-db-1", "db", 1, DB), running("demo-sidecar-1", "sidecar", 1, DB),
                running("demo-api-1", "api", 1, DB));

        Plan plan = Planner.plan(desired, observed, PlanOptions.defaults());

        assertThat(plan.changes()).extracting(Operation::describe).containsExactly(
                "recreate  Container demo-db-1  (configuration changed: image postgres → postgres:16)",
                "recreate  Container demo-sidecar-1  (dependency db is recreated)",
                "restart   Container demo-api-1  (dependency db is recreated)");
    }

    @Test
    void externalResourcesAreCheckedNeverCreated() {
        DesiredState desired = new DesiredState("demo", List.of(), List.of(new DesiredResource("outside", "shared-net", true)),
                List.of(), Set.of());

        assertThat(Planner.plan(desired, ObservedState.empty(), PlanOptions.defaults()).render())
                .contains("check     Network shared-net  (external: must exist)");
    }

    @Test
    void recreatesWhenTheImageMovedOnEvenWithTheSameConfiguration() {
        DesiredService web = new DesiredService("web", 1, hash(WEB_V1), WEB_V1, "sha256:newnewnewnewnew", null, Set.of(), Set.of());
        ServiceContainer old = observedContainer("id", "demo-web-1", "web", 1, "running", hash(WEB_V1),
                "sha256:oldoldoldoldold", false, WEB_V1);

        Plan plan = Planner.plan(project(web), observed(old), PlanOptions.defaults());

        assertThat(plan.forService("web").getFirst().describe())
                .isEqualTo("recreate  Container demo-web-1  (image changed (oldoldoldold → newnewnewnew))");
    }

    @Test
    void honoursAnExplicitContainerName() {
        DesiredService web = new DesiredService("web", 1, hash(WEB_V1), WEB_V1, null, "my-web", Set.of(), Set.of());

        assertThat(Planner.plan(project(web), ObservedState.empty(), PlanOptions.defaults()).forService("web"))
                .extracting(Operation::name).containsExactly("my-web");
    }

    @Test
    void oneOffContainersAreNeitherConvergedNorOrphans() {
        ServiceContainer runContainer = observedContainer("id", "demo-web-run-1a2b", "web", 1, "running", "x", "img", true, Map.of());

        Plan plan = Planner.plan(project(web(1, WEB_V1)), observed(runContainer), PlanOptions.defaults());

        assertThat(plan.forService("web")).extracting(Operation::describe)
                .containsExactly("create    Container demo-web-1  (no container yet)");
        assertThat(plan.warnings()).isEmpty();
    }

    // --- helpers -------------------------------------------------------------------------------

    private static DesiredState project(DesiredService... services) {
        List<DesiredService> list = List.of(services);
        Set<String> names = new HashSet<>();
        list.forEach(service -> names.add(service.name()));
        boolean full = list.size() == 2;
        return new DesiredState("demo", list,
                full ? List.of(new DesiredResource("default", "demo_default", false)) : List.of(),
                full ? List.of(new DesiredResource("data", "demo_data", false)) : List.of(),
                names);
    }

    private static DesiredService db() {
        return new DesiredService("db", 1, hash(DB), DB, null, null, Set.of(), Set.of());
    }

    private static DesiredService web(int replicas, Map<String, String> config) {
        return new DesiredService("web", replicas, hash(config), config, null, null, Set.of(), Set.of());
    }

    private static ObservedState observed(ServiceContainer... containers) {
        return new ObservedState(new ArrayList<>(List.of(containers)), Set.of("demo_default"), Set.of("demo_data"));
    }

    private static ServiceContainer running(String name, String service, int number, Map<String, String> config) {
        return container(name, service, number, "running", config);
    }

    private static ServiceContainer container(String name, String service, int number, String state, Map<String, String> config) {
        return container(name, service, number, state, config, hash(config));
    }

    private static ServiceContainer container(String name, String service, int number, String state, Map<String, String> config, String hash) {
        return observedContainer("id-" + name, name, service, number, state, hash, "img", false, config);
    }

    /** A container as the observer types it; the arguments the planner reads, the rest left empty. */
    private static ServiceContainer observedContainer(String id, String name, String service, int number, String state,
                                                      String hash, String imageId, boolean oneOff, Map<String, String> config) {
        return new ServiceContainer(id, name, "demo", service, number, oneOff, hash, List.of(), ContainerState.of(state),
                ContainerHealth.NONE, 0, "", "busybox", imageId, "", 0, List.of(), List.of(), "", config, List.of(), List.of());
    }

    private static String hash(Map<String, String> config) {
        return Integer.toHexString(new TreeMap<>(config).toString().hashCode());
    }
}
