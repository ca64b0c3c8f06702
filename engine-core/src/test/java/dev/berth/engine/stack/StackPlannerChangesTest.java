package dev.berth.engine.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.api.EngineJson;
import dev.berth.engine.stack.StackPlan.FieldChange;
import dev.berth.engine.swarm.SwarmService;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The field comparison a re-deploy rests on: what counts as a change, and what must not. */
class StackPlannerChangesTest {

    private static final String SPEC = """
            {"Name": "shop_web", "TaskTemplate": {"ContainerSpec": {"Image": "web:1@sha256:abc", "Env": ["A=1"]},
             "Networks": [{"Target": "n0tw0rk1d", "Aliases": ["web"]}]}}""";

    private static SwarmService service(Map<String, String> labels) {
        JsonNode spec = EngineJson.MAPPER.readTree(SPEC);
        return new SwarmService("s1", 7, "shop_web", labels, spec, 1, 1, null, null, null);
    }

    private static SortedMap<String, String> desired(String env) {
        SortedMap<String, String> fields = new TreeMap<>();
        fields.put("Name", "shop_web");
        fields.put("TaskTemplate.ContainerSpec.Image", "web:1");
        fields.put("TaskTemplate.ContainerSpec.Env[0]", env);
        fields.put("TaskTemplate.Networks[0].Target", "shop_default");
        fields.put("TaskTemplate.Networks[0].Aliases[0]", "web");
        return fields;
    }

    @Test
    void aNetworkTheSwarmAnswersWithByIdIsTheSameAsTheOneTheFileNames() {
        var changes = StackPlanner.changes(desired("A=1"), service(Map.of()), Map.of("n0tw0rk1d", "shop_default"));

        assertThat(changes).isEmpty();
    }

    @Test
    void withoutTheIdToNameMapTheNetworkWouldLookChanged() {
        var changes = StackPlanner.changes(desired("A=1"), service(Map.of()), Map.of());

        assertThat(changes).extracting(FieldChange::field).containsExactly("TaskTemplate.Networks[0].Target");
    }

    @Test
    void anEditedValueIsAChangeFromWhatTheServiceHasToWhatTheFileSays() {
        var changes = StackPlanner.changes(desired("A=2"), service(Map.of()), Map.of("n0tw0rk1d", "shop_default"));

        assertThat(changes).containsExactly(new FieldChange("TaskTemplate.ContainerSpec.Env[0]", "A=1", "A=2"));
    }

    @Test
    void aFieldTheFileNoLongerSetsChangesOnlyWhenBerthHadRecordedIt() {
        SortedMap<String, String> withoutEnv = desired("A=1");
        withoutEnv.remove("TaskTemplate.ContainerSpec.Env[0]");
        Map<String, String> ids = Map.of("n0tw0rk1d", "shop_default");

        assertThat(StackPlanner.changes(withoutEnv, service(Map.of()), ids)).as("deployed by another tool").isEmpty();
        var recorded = Map.of(StackLabels.SPEC_FIELDS, SpecFields.toLabel(desired("A=1")));
        assertThat(StackPlanner.changes(withoutEnv, service(recorded), ids))
                .containsExactly(new FieldChange("TaskTemplate.ContainerSpec.Env[0]", "A=1", null));
    }

    @Test
    void anEmptyObjectTheEngineDropsIsNoChange() {
        // A service without ports is sent with "EndpointSpec": {}; the engine answers without EndpointSpec.
        SortedMap<String, String> withEmptyEndpoint = desired("A=1");
        withEmptyEndpoint.put("EndpointSpec", "{}");
        Map<String, String> ids = Map.of("n0tw0rk1d", "shop_default");
        var recorded = Map.of(StackLabels.SPEC_FIELDS, SpecFields.toLabel(withEmptyEndpoint));

        assertThat(StackPlanner.changes(withEmptyEndpoint, service(Map.of()), ids)).isEmpty();
        assertThat(StackPlanner.changes(withEmptyEndpoint, service(recorded), ids)).isEmpty();
    }
}
