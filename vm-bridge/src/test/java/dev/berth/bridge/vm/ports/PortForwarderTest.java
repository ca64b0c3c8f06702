package dev.berth.bridge.vm.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.api.model.ContainerSummary;
import dev.berth.engine.api.model.PortMapping;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortForwarderTest {

    private static ContainerSummary container(String id, String service, PortMapping... ports) {
        return new ContainerSummary(id, List.of("/demo-" + service + "-1"), "img", "sha", "cmd", 0L, "running", "Up", List.of(ports),
                Map.of("com.docker.compose.service", service), null, null, null, List.of());
    }

    @Test
    void publishedPortsAppearOnLoopbackOnceAndUnpublishedOnesNot() {
        List<ContainerSummary> running = List.of(
                container("a", "web", new PortMapping("0.0.0.0", 80, 8080, "tcp"), new PortMapping("::", 80, 8080, "tcp"),
                        new PortMapping(null, 443, null, "tcp")),
                container("b", "dns", new PortMapping("0.0.0.0", 53, 5353, "udp")));
        PortForwarder.Report report = PortForwarder.desired(running, Set.of("127.0.0.1"));
        assertEquals(List.of(new PortForward("tcp", "127.0.0.1", 8080, "a", "demo-web-1", "web"),
                new PortForward("udp", "127.0.0.1", 5353, "b", "demo-dns-1", "dns")), report.forwards());
        assertEquals(List.of(), report.failures());
    }

    @Test
    void aNamedHostIpIsHonouredOnlyWhenItIsAnAddressOfThisHost() {
        List<ContainerSummary> running = List.of(
                container("a", "web", new PortMapping("192.168.7.7", 80, 8080, "tcp")),
                container("b", "api", new PortMapping("10.1.2.3", 80, 9090, "tcp")));
        PortForwarder.Report report = PortForwarder.desired(running, Set.of("127.0.0.1", "192.168.7.7"));
        assertEquals(List.of(new PortForward("tcp", "192.168.7.7", 8080, "a", "demo-web-1", "web")), report.forwards());
        assertEquals(1, report.failures().size());
        assertEquals("service api (container demo-api-1)", report.failures().getFirst().forward().owner());
        assertTrue(report.failures().getFirst().reason().contains("10.1.2.3 is not an address of this host"));
    }

    @Test
    void aTakenHostPortIsRefusedWithTheReasonAndUdpOnARestrictedNetworkToo() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            QmpHostForwards forwards = new QmpHostForwards(Path.of("/nonexistent/qmp.sock"), "net0", false);
            PortForward forward = new PortForward("tcp", "127.0.0.1", taken.getLocalPort(), "a", "demo-web-1", "web");
            IOException e = assertThrows(IOException.class, () -> forwards.add(forward));
            assertTrue(e.getMessage().contains("host port 127.0.0.1:" + taken.getLocalPort() + "/tcp is already in use"), e.getMessage());
            IOException udp = assertThrows(IOException.class, () -> forwards.add(new PortForward("udp", "127.0.0.1", 5353, "b", "x", "dns")));
            assertTrue(udp.getMessage().contains("--network open"), udp.getMessage());
        }
        assertEquals("tcp:127.0.0.1:8080-:8080", QmpHostForwards.rule(new PortForward("tcp", "127.0.0.1", 8080, "a", "n", "s")));
    }
}
