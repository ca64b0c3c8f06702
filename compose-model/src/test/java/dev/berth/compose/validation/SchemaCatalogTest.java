package dev.berth.compose.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaCatalogTest {

    private final SchemaCatalog catalog = SchemaCatalog.shared();

    @Test
    void offersTheTopLevelSections() {
        assertThat(catalog.keysAt(List.of())).extracting(SchemaCatalog.Key::name)
                .contains("services", "networks", "volumes", "secrets", "configs");
    }

    @Test
    void offersServiceKeysWithDescriptionsUnderAnyServiceName() {
        List<SchemaCatalog.Key> keys = catalog.keysAt(List.of("services", "my-web"));
        assertThat(keys).extracting(SchemaCatalog.Key::name).contains("image", "healthcheck", "depends_on", "environment");
        assertThat(keys).filteredOn(k -> k.name().equals("healthcheck")).singleElement()
                .satisfies(k -> assertThat(k.description()).contains("health check"));
    }

    @Test
    void followsReferencesAndBranchesIntoNestedMappings() {
        assertThat(catalog.keysAt(List.of("services", "web", "healthcheck"))).extracting(SchemaCatalog.Key::name)
                .contains("test", "interval", "retries", "start_period");
        assertThat(catalog.keysAt(List.of("services", "web", "depends_on", "db"))).extracting(SchemaCatalog.Key::name)
                .contains("condition", "required", "restart");
        assertThat(catalog.keysAt(List.of("services", "web", "volumes", "-"))).extracting(SchemaCatalog.Key::name)
                .contains("type", "source", "target");
    }

    @Test
    void offersEnumAndWellKnownValues() {
        assertThat(catalog.valuesAt(List.of("services", "web", "depends_on", "db", "condition")))
                .containsExactly("service_started", "service_healthy", "service_completed_successfully");
        assertThat(catalog.valuesAt(List.of("services", "web", "restart"))).contains("unless-stopped", "on-failure");
        assertThat(catalog.valuesAt(List.of("services", "web", "pull_policy"))).contains("always", "missing");
        assertThat(catalog.valuesAt(List.of("services", "web", "image"))).isEmpty();
    }

    @Test
    void knowsNothingUnderAnUnknownKey() {
        assertThat(catalog.keysAt(List.of("services", "web", "nonsense"))).isEmpty();
    }
}
