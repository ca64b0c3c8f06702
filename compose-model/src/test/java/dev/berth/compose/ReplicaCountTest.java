package dev.berth.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.model.ServiceSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One rule decides how many containers a service wants; every caller asks the model. */
class ReplicaCountTest {

    @TempDir
    Path dir;

    private ServiceSpec load(String yaml, boolean consistencyChecks) {
        Fixtures f = new Fixtures(dir);
        f.write("compose.yaml", yaml);
        LoadResult result = ComposeLoader.load(ProjectOptions.in(dir).withComposeFiles(List.of(dir.resolve("compose.yaml")))
                .withProjectName("replicas").withConsistencyChecks(consistencyChecks));
        return result.project().orElseThrow().service("web");
    }

    @Test
    void scaleWinsOverDeployReplicasWhenTheChecksAreOffAsInComposeGo() {
        ServiceSpec web = load("""
                services:
                  web:
                    image: nginx
                    scale: 2
                    deploy: {replicas: 3}
                """, false);
        assertThat(web.replicas()).isEqualTo(2);
    }

    @Test
    void deployReplicasAloneOrScaleAloneOrNeither() {
        assertThat(ServiceSpec.replicas(null, 3)).isEqualTo(3);
        assertThat(ServiceSpec.replicas(4, null)).isEqualTo(4);
        assertThat(ServiceSpec.replicas(null, null)).isEqualTo(1);
        assertThat(load("""
                services:
                  web:
                    image: nginx
                    deploy: {replicas: 3}
                """, true).replicas()).isEqualTo(3);
    }

    @Test
    void distinctScaleAndReplicasAreRefusedSoNoCallerEverSeesThem() {
        Fixtures f = new Fixtures(dir);
        f.write("compose.yaml", """
                services:
                  web:
                    image: nginx
                    scale: 2
                    deploy: {replicas: 3}
                """);
        LoadResult result = f.load("compose.yaml");
        assertThat(result.project()).isEmpty();
        assertThat(result.errors()).extracting(Diagnostic::message)
                .anySatisfy(m -> assertThat(m).contains("can't set distinct values on 'scale' and 'deploy.replicas'"));
    }
}
