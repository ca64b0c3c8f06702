package dev.berth.engine.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigFingerprintTest {

    private static Map<String, Object> web(String foo) {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("image", "busybox");
        service.put("environment", Map.of("FOO", foo, "BAR", "1"));
        service.put("ports", List.of(Map.of("target", 80, "published", "8080", "protocol", "tcp")));
        return service;
    }

    @Test
    void flattensNestedMapsAndListsIntoSortedDottedPaths() {
        ConfigFingerprint fingerprint = ConfigFingerprint.of(web("a"));

        assertThat(fingerprint.fields()).containsExactly(
                Map.entry("environment.BAR", "1"),
                Map.entry("environment.FOO", "a"),
                Map.entry("image", "busybox"),
                Map.entry("ports[0].protocol", "tcp"),
                Map.entry("ports[0].published", "8080"),
                Map.entry("ports[0].target", "80"));
        assertThat(fingerprint.hash()).hasSize(64);
    }

    @Test
    void sameConfigurationGivesTheSameHashWhateverTheKeyOrder() {
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("ports", web("a").get("ports"));
        reordered.put("environment", web("a").get("environment"));
        reordered.put("image", "busybox");

        assertThat(ConfigFingerprint.of(reordered).hash()).isEqualTo(ConfigFingerprint.of(web("a")).hash());
    }

    @Test
    void aChangedValueChangesTheHash() {
        assertThat(ConfigFingerprint.of(web("b")).hash()).isNotEqualTo(ConfigFingerprint.of(web("a")).hash());
    }

    @Test
    void ignoresWhatComposeV2IgnoresBuildScaleReplicasDependsOnProfilesPullPolicy() {
        Map<String, Object> decorated = web("a");
        decorated.put("build", Map.of("context", "."));
        decorated.put("scale", 3);
        decorated.put("depends_on", Map.of("db", Map.of("condition", "service_started")));
        decorated.put("profiles", List.of("debug"));
        decorated.put("pull_policy", "always");
        decorated.put("deploy", Map.of("replicas", 3));

        assertThat(ConfigFingerprint.of(decorated).hash()).isEqualTo(ConfigFingerprint.of(web("a")).hash());
    }

    @Test
    void recordedFieldsRoundTripToTheSameHash() {
        ConfigFingerprint original = ConfigFingerprint.of(web("a"));

        assertThat(ConfigFingerprint.ofFields(original.fields()).hash()).isEqualTo(original.hash());
    }
}
