package dev.berth.app.gui.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InspectViewModelTest {

    private final InspectViewModel inspect = new InspectViewModel();

    private static Map<String, Object> container() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Id", "4f2a9c");
        json.put("Config", Map.of("Image", "nginx:1.27", "Env", List.of("PATH=/usr/bin", "NGINX_PORT=80")));
        Map<String, Object> ports = new LinkedHashMap<>();
        ports.put("80/tcp", List.of(Map.of("HostIp", "0.0.0.0", "HostPort", "8080")));
        json.put("NetworkSettings", Map.of("Ports", ports));
        json.put("RestartCount", 0);
        json.put("Platform", null);
        return json;
    }

    @Test
    void buildsATreeOfObjectsArraysAndValuesWithSizes() {
        inspect.setDocument("shop-web-1", container());

        InspectNode root = inspect.rootProperty().get();
        assertThat(root.children()).extracting(InspectNode::key).containsExactly("Id", "Config", "NetworkSettings", "RestartCount", "Platform");
        InspectNode env = root.children().get(1).children().stream().filter(n -> n.key().equals("Env")).findFirst().orElseThrow();
        assertThat(env.kind()).isEqualTo(InspectNode.Kind.ARRAY);
        assertThat(env.value()).isEqualTo("[2]");
        assertThat(env.children().get(1).value()).isEqualTo("NGINX_PORT=80");
        assertThat(root.children().get(4).value()).isEqualTo("null");
    }

    @Test
    void searchFindsKeysAndValuesIgnoringCaseAndExpandsTheirAncestors() {
        inspect.setDocument("shop-web-1", container());

        inspect.queryProperty().set("hostport");

        InspectViewModel.SearchResult result = inspect.resultProperty().get();
        assertThat(result.matches()).containsExactly("shop-web-1/NetworkSettings/Ports/80/tcp/0/HostPort");
        assertThat(result.expand()).contains("shop-web-1/NetworkSettings", "shop-web-1/NetworkSettings/Ports",
                "shop-web-1/NetworkSettings/Ports/80/tcp", "shop-web-1/NetworkSettings/Ports/80/tcp/0");
        assertThat(inspect.isMatch("shop-web-1/NetworkSettings/Ports/80/tcp/0/HostPort")).isTrue();
    }

    @Test
    void searchMatchesValuesButNotTheSizeSummariesOfObjects() {
        inspect.setDocument("c", container());

        inspect.queryProperty().set("nginx");
        assertThat(inspect.resultProperty().get().matches()).containsExactlyInAnyOrder("c/Config/Image", "c/Config/Env/1");

        inspect.queryProperty().set("[2]");
        assertThat(inspect.resultProperty().get().matches()).isEmpty();
    }

    @Test
    void aNewDocumentIsSearchedWithTheCurrentQuery() {
        inspect.queryProperty().set("RestartCount");

        inspect.setDocument("c", container());

        assertThat(inspect.resultProperty().get().matches()).containsExactly("c/RestartCount");
    }

    @Test
    void anEmptyQueryMatchesNothing() {
        inspect.setDocument("c", container());
        inspect.queryProperty().set("   ");

        assertThat(inspect.resultProperty().get()).isEqualTo(InspectViewModel.SearchResult.NONE);
    }
}
