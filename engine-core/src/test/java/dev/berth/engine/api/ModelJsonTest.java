package dev.berth.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.berth.engine.api.model.ContainerConfig;
import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.engine.api.model.ContainerInspect;
import dev.berth.engine.api.model.DiskUsage;
import dev.berth.engine.api.model.EndpointSettings;
import dev.berth.engine.api.model.HostConfig;
import dev.berth.engine.api.model.ImageHistoryItem;
import dev.berth.engine.api.model.ImageSummary;
import dev.berth.engine.api.model.NetworkingConfig;
import dev.berth.engine.api.model.PortBinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ModelJsonTest {

    @Test
    void writesTheCreateRequestInTheEnginesShapeWithTheConfigAtTopLevelAndNoNulls() {
        ContainerCreateRequest request = ContainerCreateRequest.builder()
                .config(ContainerConfig.builder().image("busybox").cmd(List.of("sleep", "1")).labels(Map.of("a", "b")).build())
                .hostConfig(HostConfig.builder().portBindings(Map.of("80/tcp", List.of(new PortBinding("127.0.0.1", "8080")))).build())
                .networkingConfig(new NetworkingConfig(Map.of("front", EndpointSettings.builder().aliases(List.of("web")).build())))
                .build();
        JsonNode json = EngineJson.MAPPER.valueToTree(request);
        assertThat(json.get("Image").asString()).isEqualTo("busybox");
        assertThat(json.has("Config")).isFalse();
        assertThat(json.get("HostConfig").get("PortBindings").get("80/tcp").get(0).get("HostPort").asString()).isEqualTo("8080");
        assertThat(json.get("NetworkingConfig").get("EndpointsConfig").get("front").get("Aliases").get(0).asString()).isEqualTo("web");
        assertThat(json.get("HostConfig").has("Memory")).isFalse();
        assertThat(json.toString()).doesNotContain("null");
    }

    @Test
    void readsTheEnginesMixedCaseNames() {
        String json = """
                {"Id":"abc","State":{"Status":"running","Running":true,"OOMKilled":false,"Pid":42},
                 "NetworkSettings":{"Networks":{"front":{"IPAMConfig":{"IPv4Address":"10.0.0.5"},"IPAddress":"10.0.0.5","NetworkID":"n1"}}},
                 "SomethingNew":{"x":1}}""";
        ContainerInspect inspect = EngineJson.MAPPER.readValue(json, ContainerInspect.class);
        assertThat(inspect.id()).isEqualTo("abc");
        assertThat(inspect.state().oomKilled()).isFalse();
        EndpointSettings front = inspect.networkSettings().networks().get("front");
        assertThat(front.ipamConfig().ipv4Address()).isEqualTo("10.0.0.5");
        assertThat(front.networkId()).isEqualTo("n1");
    }

    @Test
    void readsTheImagesOfSystemDfInBothShapes() {
        DiskUsage old = EngineJson.MAPPER.readValue("""
                {"LayersSize":10,"Images":[{"Id":"sha256:a","SharedSize":7,"Size":9}],"Containers":[],"Volumes":[]}""", DiskUsage.class);
        DiskUsage current = EngineJson.MAPPER.readValue("""
                {"ImagesDiskUsage":{"ActiveCount":1,"TotalCount":2,"Reclaimable":3,"TotalSize":9,
                 "Items":[{"Id":"sha256:b","SharedSize":4,"Size":9}]},"ContainersDiskUsage":{"TotalCount":0}}""", DiskUsage.class);

        assertThat(SystemApi.images(old)).extracting(ImageSummary::id, ImageSummary::sharedSize).containsExactly(tuple("sha256:a", 7L));
        assertThat(SystemApi.images(current)).extracting(ImageSummary::id, ImageSummary::sharedSize).containsExactly(tuple("sha256:b", 4L));
        assertThat(SystemApi.images(EngineJson.MAPPER.readValue("{}", DiskUsage.class))).isEmpty();
    }

    @Test
    void readsAHistoryEntry() {
        ImageHistoryItem item = EngineJson.MAPPER.readValue("""
                {"Id":"<missing>","Created":1764700000,"CreatedBy":"/bin/sh -c #(nop)  ENV A=b","Tags":null,"Size":0,"Comment":""}""",
                ImageHistoryItem.class);
        assertThat(item.createdBy()).isEqualTo("/bin/sh -c #(nop)  ENV A=b");
        assertThat(item.created()).isEqualTo(1764700000L);
        assertThat(item.size()).isZero();
    }
}
