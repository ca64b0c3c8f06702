package dev.berth.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.engine.transport.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config.json half of {@link DockerCredentials} (helpers run in RegistryCredentialsIT), and masking in toString. */
class DockerCredentialsTest {

    @TempDir
    Path dir;

    private DockerCredentials config(String json) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return DockerCredentials.load(file);
    }

    private static String basic(String userAndPassword) {
        return Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheAuthEntryOfTheImagesRegistryWhateverTheKeysSpelling() throws Exception {
        DockerCredentials credentials = config("""
                {"auths": {"http://127.0.0.1:5000/v1/": {"auth": "%s"}, "https://index.docker.io/v1/": {"auth": "%s"},
                           "ghcr.io": {"identitytoken": "tok-1"}}}""".formatted(basic("me:p:w"), basic("hub:hubpw")));
        assertThat(credentials.forImage("127.0.0.1:5000/team/app:1")).isEqualTo(new RegistryAuth("me", "p:w", "127.0.0.1:5000", null));
        assertThat(credentials.forImage("busybox")).isEqualTo(new RegistryAuth("hub", "hubpw", DockerCredentials.DOCKER_HUB, null));
        assertThat(credentials.forImage("library/nginx:1")).extracting(RegistryAuth::username).isEqualTo("hub");
        assertThat(credentials.forImage("ghcr.io/o/r")).isEqualTo(new RegistryAuth(null, null, "ghcr.io", "tok-1"));
        assertThat(credentials.forImage("quay.io/o/r")).isEqualTo(RegistryAuth.anonymous());
    }

    /** A build's X-Registry-Config: every registry with credentials, keyed as in the file; anonymous ones left out. */
    @Test
    void allRegistriesForABuildAndTheirConfigHeader() throws Exception {
        DockerCredentials credentials = config("""
                {"auths": {"http://127.0.0.1:5000/v1/": {"auth": "%s"}, "https://index.docker.io/v1/": {"auth": "%s"},
                           "quay.io": {}}}""".formatted(basic("me:pw"), basic("hub:hubpw")));
        var all = credentials.all();
        assertThat(all).containsOnlyKeys("http://127.0.0.1:5000/v1/", DockerCredentials.DOCKER_HUB);
        assertThat(all.get(DockerCredentials.DOCKER_HUB).username()).isEqualTo("hub");

        String header = RegistryAuth.configHeader(all);
        var decoded = EngineJson.MAPPER.readTree(Base64.getUrlDecoder().decode(header));
        assertThat(decoded.path("http://127.0.0.1:5000/v1/").path("username").asString()).isEqualTo("me");
        assertThat(decoded.path("http://127.0.0.1:5000/v1/").path("password").asString()).isEqualTo("pw");
        assertThat(decoded.path(DockerCredentials.DOCKER_HUB).path("serveraddress").asString()).isEqualTo(DockerCredentials.DOCKER_HUB);
        assertThat(DockerCredentials.load(dir.resolve("none.json")).all()).isEmpty();
    }

    @Test
    void noFileMeansAnonymousAndABrokenOneIsNamedWithoutItsText() throws Exception {
        assertThat(DockerCredentials.load(dir.resolve("none.json")).forImage("x/y")).isEqualTo(RegistryAuth.anonymous());
        assertThatThrownBy(() -> config("{\"auths\": {\"h\": {\"auth\": \"c2VjcmV0LXRleHQ=\" ")).hasMessageContaining("not valid JSON")
                .hasMessageNotContaining("c2VjcmV0LXRleHQ");
        assertThatThrownBy(() -> config("{\"auths\": {\"h:1\": {\"auth\": \"%s\"}}}".formatted(basic("nocolon"))).forImage("h:1/a"))
                .hasMessageContaining("not user:password").hasMessageNotContaining(basic("nocolon")).hasMessageNotContaining("nocolon");
    }

    @Test
    void registryOfAnImageReference() {
        assertThat(DockerCredentials.registryOf("nginx")).isEqualTo("docker.io");
        assertThat(DockerCredentials.registryOf("library/nginx:1.27")).isEqualTo("docker.io");
        assertThat(DockerCredentials.registryOf("localhost/app")).isEqualTo("localhost");
        assertThat(DockerCredentials.registryOf("127.0.0.1:5000/a/b@sha256:00")).isEqualTo("127.0.0.1:5000");
        assertThat(DockerCredentials.registryOf("index.docker.io/library/nginx")).isEqualTo("docker.io");
    }

    @Test
    void neitherTheCredentialsNorTheRequestPrintASecret() {
        RegistryAuth auth = new RegistryAuth("me", "hunter2", "127.0.0.1:5000", "tok-secret");
        assertThat(auth.toString()).contains("me").doesNotContain("hunter2").doesNotContain("tok-secret");
        HttpRequest request = HttpRequest.of("POST", "/images/create").withHeader("X-Registry-Auth", auth.header())
                .withHeader("X-Registry-Config", "e30=").withHeader("Accept", "application/json");
        assertThat(request.toString()).contains("/images/create").contains("X-Registry-Auth").contains("application/json")
                .doesNotContain(auth.header()).doesNotContain("e30=");
    }
}
