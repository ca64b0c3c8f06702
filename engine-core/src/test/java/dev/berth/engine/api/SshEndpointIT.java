package dev.berth.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.engine.api.model.ExecCreateRequest;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.stream.HijackedSession;
import dev.berth.engine.stream.OutputLine;
import dev.berth.testkit.RequiresEngine;
import dev.berth.testkit.TestEngine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ssh://root@127.0.0.1:PORT} end to end: a real sshd (see {@link LocalSshd}) whose "remote" docker CLI
 * splices {@code docker system dial-stdio} onto the shared engine. Everything the client does over a unix
 * socket works over the ssh process's stdio: plain calls with keep-alive, chunked streams, hijacked exec.
 */
@RequiresEngine
class SshEndpointIT {

    static LocalSshd sshd;

    @BeforeAll
    static void startSshd() throws Exception {
        Optional<String> why = LocalSshd.unavailableBecause();
        // CI installs openssh-server and runs as root: there a missing piece is a failure, not a skip.
        assumeTrue(why.isEmpty() || TestEngine.underCi(), () -> "no local sshd: " + why.orElse(""));
        sshd = new LocalSshd();
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void pingsVersionsListsStreamsAndExecsThroughSsh() throws Exception {
        try (EngineFixture engine = new EngineFixture(sshd.endpoint())) {
            EngineClient client = engine.client;
            assertThat(client.endpoint().uri()).isEqualTo("ssh://root@127.0.0.1:" + sshd.port());
            assertThat(client.identity().name()).isEqualTo("Docker Engine");
            assertThat(client.system().ping().apiVersion()).isEqualTo(client.identity().apiVersion().toString());
            assertThat(client.containers().list(ContainersApi.ListOptions.allContainers())).isNotNull();

            String id = engine.run("ssh", "sh", "-c", "echo over-ssh; sleep 300");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !logs(client, id).isEmpty());
            assertThat(logs(client, id)).extracting(OutputLine::text).containsExactly("over-ssh");

            String exec = client.exec().create(id, ExecCreateRequest.builder().cmd(List.of("sh", "-c", "read a; echo got:$a"))
                    .attachStdin(true).attachStdout(true).attachStderr(true).build());
            try (HijackedSession session = client.exec().start(exec, false)) {
                session.stdin().write("through-ssh\n".getBytes(StandardCharsets.UTF_8));
                session.stdin().flush();
                assertThat(session.output().next().text()).isEqualTo("got:through-ssh\n");
            }
            // One ssh process per pooled connection, reused: not one per request.
            assertThat(client.http().connectionsOpened()).isLessThan(8);
        }
    }

    private static List<OutputLine> logs(EngineClient client, String id) {
        List<OutputLine> lines = new ArrayList<>();
        try (EngineStream<OutputLine> logs = client.containers().logs(id, ContainersApi.LogsOptions.everything())) {
            logs.forEach(lines::add);
        }
        return lines;
    }

    @Test
    void saysWhatSshSaidWhenTheLoginFails() throws Exception {
        EngineEndpoint.Ssh endpoint = sshd.endpoint(sshd.strangerKey());
        assertThatThrownBy(() -> EngineClient.connect(endpoint))
                .isInstanceOfSatisfying(EngineConnectionException.class, e -> assertThat(e.getMessage())
                        .startsWith("ssh could not connect or log in for " + endpoint.uri() + ": ")
                        .contains("Permission denied (publickey)")
                        .contains("'ssh -p " + sshd.port() + " root@127.0.0.1' work without a password"));
    }
}
