package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.cli.CliProject.Run;
import dev.berth.engine.api.EngineJson;
import dev.berth.testkit.RequiresEngine;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fault 5 of the reliability campaign (docs/RELIABILITY.md): a host port is taken before {@code up}. The
 * service that publishes it fails with the port named; the services that do not need it start, as Compose
 * starts them; a second {@code up} once the port is free completes the project without duplicates.
 */
@RequiresEngine
class PortTakenIT {

    private final CliProject project = new CliProject("portfault");

    @AfterEach
    void cleanUp() {
        project.close();
    }

    @Test
    void theServiceNeedingATakenPortFailsNamingItAndTheRestStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            project.write("""
                    services:
                      web:
                        image: IMAGE
                        command: ["sleep", "3600"]
                        stop_grace_period: 1s
                        ports: ["127.0.0.1:%d:80"]
                      worker:
                        image: IMAGE
                        command: ["sleep", "3600"]
                        stop_grace_period: 1s
                      cache:
                        image: IMAGE
                        command: ["sleep", "3600"]
                        stop_grace_period: 1s
                    """.formatted(port));

            Run up = project.berth("up", "-d");
            System.out.println("fault 5: " + up.err().strip().replace("\n", " | "));
            assertThat(up.exitCode()).as(up.toString()).isNotZero();
            assertThat(up.err()).as(up.toString()).contains(String.valueOf(port)).contains("web")
                    .doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(states(false)).containsExactlyInAnyOrder("worker running", "cache running");
        }

        Run again = project.berth("up", "-d");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(states(true)).as("one container per service, all running").containsExactlyInAnyOrder(
                "web running", "worker running", "cache running");
    }

    /** "service state" of each container of the project, from {@code ps --format json} (one object a line). */
    private List<String> states(boolean all) {
        Run ps = all ? project.berth("ps", "-a", "--format", "json") : project.berth("ps", "--format", "json");
        assertThat(ps.exitCode()).as(ps.toString()).isZero();
        return ps.out().lines().map(line -> {
            Map<?, ?> row = EngineJson.MAPPER.readValue(line, Map.class);
            return row.get("Service") + " " + row.get("State");
        }).toList();
    }
}
