package dev.berth.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.engine.api.model.EndpointIpamConfig;
import dev.berth.engine.api.model.EndpointSettings;
import dev.berth.engine.api.model.HostConfig;
import dev.berth.engine.api.model.Ipam;
import dev.berth.engine.api.model.IpamPool;
import dev.berth.engine.api.model.Network;
import dev.berth.engine.api.model.NetworkCreateRequest;
import dev.berth.engine.api.model.Volume;
import dev.berth.engine.api.model.VolumeCreateRequest;
import dev.berth.testkit.RequiresEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RequiresEngine
class NetworksAndVolumesIT {

    static EngineFixture engine;

    @BeforeAll
    static void connect() {
        engine = new EngineFixture();
    }

    @AfterAll
    static void cleanUp() {
        engine.close();
    }

    @Test
    void createsInspectsConnectsDisconnectsAndRemovesANetwork() {
        NetworksApi networks = engine.client.networks();
        String name = engine.name("net");
        String id = networks.create(NetworkCreateRequest.builder().name(name).driver("bridge").checkDuplicate(true)
                .internal(true).attachable(true).labels(engine.labels()).options(Map.of("com.docker.network.bridge.enable_icc", "true"))
                .ipam(new Ipam("default", List.of(new IpamPool("10.199.0.0/24", null, "10.199.0.1", null)), null))
                .build());
        Network network = networks.inspect(id);
        assertThat(network.name()).isEqualTo(name);
        assertThat(network.internal()).isTrue();
        assertThat(network.ipam().config().getFirst().subnet()).isEqualTo("10.199.0.0/24");
        assertThat(networks.list(engine.ours())).extracting(Network::id).contains(id);

        String container = engine.run("netc", "sleep", "300");
        networks.connect(name, container, EndpointSettings.builder().aliases(List.of("api")).ipamConfig(
                new EndpointIpamConfig("10.199.0.50", null, null)).build());
        var attached = engine.client.containers().inspect(container).networkSettings().networks().get(name);
        assertThat(attached.aliases()).contains("api");
        assertThat(attached.ipAddress()).isEqualTo("10.199.0.50");
        assertThat(networks.inspect(id).containers()).containsKey(engine.client.containers().inspect(container).id());
        networks.disconnect(name, container, false);
        assertThat(engine.client.containers().inspect(container).networkSettings().networks()).doesNotContainKey(name);
        engine.client.containers().remove(container, true, false);
        networks.remove(id);
        assertThatThrownBy(() -> networks.inspect(id)).isInstanceOfSatisfying(EngineApiException.class, e -> assertThat(e.isNotFound()).isTrue());
    }

    @Test
    void prunesOnlyOurUnusedNetworks() {
        String id = engine.client.networks().create(NetworkCreateRequest.builder().name(engine.name("prune-net")).labels(engine.labels()).build());
        PruneReport report = engine.client.networks().prune(engine.ours());
        assertThat(report.deleted()).contains(engine.name("prune-net"));
        assertThatThrownBy(() -> engine.client.networks().inspect(id)).isInstanceOf(EngineApiException.class);
    }

    @Test
    void createsInspectsListsAndRemovesAVolume() {
        VolumesApi volumes = engine.client.volumes();
        String name = engine.name("vol");
        Volume created = volumes.create(VolumeCreateRequest.builder().name(name).driver("local").labels(engine.labels()).build());
        assertThat(created.name()).isEqualTo(name);
        assertThat(volumes.inspect(name).labels()).containsEntry(EngineFixture.LABEL, engine.runId);
        assertThat(volumes.list(engine.ours())).extracting(Volume::name).contains(name);
        volumes.remove(name, false);
        assertThat(volumes.list(engine.ours())).extracting(Volume::name).doesNotContain(name);
    }

    @Test
    void reportsVolumeSizesFromDiskUsage() {
        String name = engine.name("sized");
        engine.client.volumes().create(VolumeCreateRequest.builder().name(name).labels(engine.labels()).build());
        ContainerCreateRequest request = engine.busybox("sh", "-c", "dd if=/dev/zero of=/v/blob bs=1024 count=64");
        request = request.toBuilder().hostConfig(HostConfig.builder().binds(List.of(name + ":/v")).build()).build();
        String id = engine.client.containers().create(engine.name("sizer"), request).id();
        engine.client.containers().start(id);
        engine.client.containers().waitFor(id, null);
        assertThat(engine.client.volumes().sizes().get(name)).isGreaterThanOrEqualTo(64 * 1024L);
        engine.client.containers().remove(id, true, false);
    }

    @Test
    void prunesOnlyOurUnusedVolumes() {
        String name = engine.name("prune-vol");
        engine.client.volumes().create(VolumeCreateRequest.builder().name(name).labels(engine.labels()).build());
        PruneReport report = engine.client.volumes().prune(engine.ours());
        assertThat(report.deleted()).contains(name);
    }
}
