package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private Run berth(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = BerthCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static final String WEB = """
            name: shop
            services:
              web:
                image: nginx
                ports:
                  - "8080:80"
                depends_on: [db]
              db:
                image: postgres
                volumes:
                  - data:/var/lib/postgresql/data
              debug:
                image: busybox
                profiles: [data]
            volumes:
              data: {}
            """;

    @Test
    void printsCanonicalYamlWithLongSyntax() throws IOException {
        Path file = write("compose.yaml", WEB);
        Run run = berth("config", "-f", file.toString(), "--profile", "data");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("name: shop", "target: 80", "published: \"8080\"", "protocol: tcp",
                "condition: service_started", "type: volume", "source: data", "name: shop_default");
    }

    @Test
    void acceptsProjectFlagsBeforeTheSubcommand() throws IOException {
        Path file = write("compose.yaml", WEB);
        Run run = berth("-f", file.toString(), "--profile", "data", "config", "--services");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly("web", "db", "debug");
    }

    @Test
    void mergesFilesGivenBeforeAndAfterTheSubcommandInOrder() throws IOException {
        Path base = write("compose.yaml", WEB);
        Path override = write("override.yaml", """
                services:
                  web:
                    image: nginx:alpine
                """);
        Run run = berth("-f", base.toString(), "config", "-f", override.toString(), "--images", "--profile", "data");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly("nginx:alpine", "postgres", "busybox");
    }

    @Test
    void printsJsonThatOtherToolsCanRead() throws IOException {
        Path file = write("compose.yaml", WEB);
        Run run = berth("config", "-f", file.toString(), "--format", "json", "--profile", "data");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"published\": \"8080\"", "\"condition\": \"service_started\"");
    }

    @Test
    void leavesOutResourcesNoServiceUsesUnlessAllResources() throws IOException {
        Path file = write("compose.yaml", """
                name: shop
                services:
                  web:
                    image: nginx
                volumes:
                  unused: {}
                networks:
                  spare: {}
                """);
        Run run = berth("config", "-f", file.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("unused", "spare");
        Run all = berth("config", "-f", file.toString(), "--all-resources");
        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.out()).contains("name: shop_unused", "name: shop_spare");
    }

    @Test
    void keepsVariablesAndUnparsedShortSyntaxWithNoInterpolate() throws IOException {
        Path file = write("compose.yaml", """
                name: shop
                services:
                  web:
                    image: nginx:${TAG:-latest}
                    ports:
                      - ${PORT:-8080}:80
                """);
        Run run = berth("config", "-f", file.toString(), "--no-interpolate");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("image: nginx:${TAG:-latest}", "- ${PORT:-8080}:80");
    }

    @Test
    void failsWithEveryDiagnosticPositionedOnStderr() throws IOException {
        Path file = write("compose.yaml", """
                services:
                  web:
                    image: nginx
                    depends_on: [db]
                    volumes:
                      - missing:/data
                """);
        Run run = berth("config", "-q", "-f", file.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(file + ":4:18: error: service \"web\" depends on undefined service \"db\"");
        assertThat(run.err()).contains(file + ":6:9: error: service \"web\" refers to undefined volume missing");
    }

    @Test
    void quietPrintsNothingForAValidProject() throws IOException {
        Path file = write("compose.yaml", WEB);
        Run run = berth("config", "-q", "-f", file.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEmpty();
    }

    @Test
    void listsProfilesVolumesAndNetworks() throws IOException {
        Path file = write("compose.yaml", WEB);
        assertThat(berth("config", "--profiles", "-f", file.toString()).out().lines()).containsExactly("data");
        assertThat(berth("config", "--volumes", "-f", file.toString()).out().lines()).containsExactly("data");
        assertThat(berth("config", "--networks", "-f", file.toString()).out().lines()).containsExactly("default");
    }

    @Test
    void keepsVariablesWithNoInterpolate() throws IOException {
        Path file = write("compose.yaml", """
                services:
                  web:
                    image: nginx:${TAG:-latest}
                """);
        Run run = berth("config", "--no-interpolate", "-f", file.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("image: nginx:${TAG:-latest}");
    }

    @Test
    void usesTheProjectNameFlagAfterTheSubcommandOverTheOneBefore() throws IOException {
        Path file = write("compose.yaml", WEB);
        Run run = berth("-p", "outer", "config", "-p", "inner", "-f", file.toString());
        assertThat(run.out()).contains("name: inner");
    }
}
