package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.cli.CliProject.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The swarm verbs' command line without an engine: every group and verb has its help, and the groups list their verbs. */
class SwarmCliTest {

    @Test
    void everySwarmVerbHasItsOwnHelp() {
        List<List<String>> verbs = List.of(List.of("swarm", "init"), List.of("swarm", "join-token"), List.of("swarm", "join"),
                List.of("swarm", "leave"), List.of("swarm", "status"), List.of("node", "ls"), List.of("node", "inspect"),
                List.of("node", "update"), List.of("stack", "deploy"), List.of("stack", "ls"), List.of("stack", "services"),
                List.of("stack", "ps"), List.of("stack", "rm"), List.of("service", "ls"), List.of("service", "scale"),
                List.of("service", "logs"), List.of("service", "update"), List.of("service", "rollback"));
        for (List<String> verb : verbs) {
            Run help = CliProject.raw(verb.get(0), verb.get(1), "--help");
            assertThat(help.exitCode()).as(verb + ": " + help).isZero();
            assertThat(help.out()).as(verb + " --help").startsWith("Usage: berth " + verb.get(0) + " " + verb.get(1)).contains("-h, --help");
        }
    }

    @Test
    void aGroupWithoutAVerbListsItsVerbs() {
        Run stack = CliProject.raw("stack");
        assertThat(stack.exitCode()).isZero();
        assertThat(stack.out()).contains("deploy", "services", "ps", "rm");
        assertThat(CliProject.raw("service", "--help").out()).contains("scale", "logs", "rollback");
        assertThat(CliProject.raw("--help").out()).contains("swarm", "node", "stack", "service");
    }

    @Test
    void stackDeployTakesTheDockerFlagsAndTheProjectFlags() {
        Run help = CliProject.raw("stack", "deploy", "--help");
        assertThat(help.out()).contains("-c, --compose-file", "--prune", "--resolve-image", "changed, never", "--dry-run",
                "-f, --file", "--env-file");
        Run bad = CliProject.raw("stack", "deploy", "--resolve-image", "sometimes", "x");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--resolve-image");
    }
}
