package dev.berth.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diagnostics point at the exact line and column, in whichever file the value came from. */
class DiagnosticLocationsTest {

    @TempDir
    Path dir;

    Fixtures files;

    @BeforeEach
    void setUp() {
        files = new Fixtures(dir);
    }

    private static Diagnostic only(LoadResult result) {
        assertThat(result.errors()).as("%s", result.diagnostics()).hasSize(1);
        return result.errors().get(0);
    }

    @Test
    void reportsUnknownKeyAtTheKeyWithDidYouMeanHint() {
        Path file = files.write("compose.yaml", """
                services:
                  web:
                    imagee: nginx
                """);
        Diagnostic d = only(files.load("compose.yaml"));
        assertThat(d.location()).isEqualTo(new Location(file, 3, 5));
        assertThat(d.message()).isEqualTo("services.web additional properties 'imagee' not allowed");
        assertThat(d.hint()).isEqualTo("did you mean 'image'?");
        assertThat(d.toString()).isEqualTo(file + ":3:5: error: services.web additional properties 'imagee' not allowed\n"
                + "  hint: did you mean 'image'?");
    }

    @Test
    void reportsWrongTypeAtTheValue() {
        Path file = files.write("compose.yaml", """
                services:
                  web:
                    image: nginx
                    ports:
                      - published: 80
                        target: [80]
                """);
        Diagnostic d = only(files.load("compose.yaml"));
        assertThat(d.location()).isEqualTo(new Location(file, 6, 17));
        assertThat(d.message()).isEqualTo("services.web.ports.0.target must be an integer or string");
    }

    @Test
    void reportsErrorInTheOverrideFileWhereItWasWritten() {
        files.write("compose.yaml", """
                services:
                  web:
                    image: nginx
                """);
        Path override = files.write("compose.override.yaml", """
                services:
                  web:
                    depends_on:
                      - cache
                """);
        Diagnostic d = only(files.load("compose.yaml", "compose.override.yaml"));
        assertThat(d.location()).isEqualTo(new Location(override, 4, 9));
        assertThat(d.message()).isEqualTo("service \"web\" depends on undefined service \"cache\": invalid compose project");
    }

    @Test
    void reportsErrorInheritedFromAnExtendsParentInTheParentFile() {
        Path base = files.write("base/common.yaml", """
                services:
                  common:
                    image: busybox
                    volumes:
                      - cache:/cache
                """);
        files.write("compose.yaml", """
                services:
                  app:
                    extends:
                      file: base/common.yaml
                      service: common
                """);
        Diagnostic d = only(files.load("compose.yaml"));
        assertThat(d.location()).isEqualTo(new Location(base, 5, 9));
        assertThat(d.message()).isEqualTo("service \"app\" refers to undefined volume cache: invalid compose project");
    }

    @Test
    void reportsMissingRequiredVariableAtItsValue() {
        Path file = files.write("compose.yaml", """
                services:
                  web:
                    image: "nginx:${TAG:?set TAG first}"
                """);
        Diagnostic d = only(files.load("compose.yaml"));
        assertThat(d.location()).isEqualTo(new Location(file, 3, 12));
        assertThat(d.message()).isEqualTo("error while interpolating services.web.image: required variable TAG is missing a value: set TAG first");
    }

    @Test
    void reportsDuplicateKeyAtTheSecondOccurrence() {
        Path file = files.write("compose.yaml", """
                services:
                  web:
                    image: nginx
                    image: httpd
                """);
        Diagnostic d = only(files.load("compose.yaml"));
        assertThat(d.location()).isEqualTo(new Location(file, 4, 5));
        assertThat(d.message()).isEqualTo("mapping key \"image\" already defined at line 3");
    }

    /** Found in the walk: typing a key on the line above "ports:" squiggled "ports", not the half-typed key. */
    @Test
    void reportsAKeyWithoutItsColonAtTheKeyNotAtTheNextLine() {
        Path file = files.write("compose.yaml", """
                services:
                  web:
                    image: nginx
                    rest
                    ports:
                      - "8080:80"
                """);
        Diagnostic d = only(files.load("compose.yaml"));
        assertThat(d.location()).isEqualTo(new Location(file, 4, 5));
        assertThat(d.message()).isEqualTo("this key has no ':' after it (could not find expected ':')");
    }

    @Test
    void reportsEveryErrorNotOnlyTheFirst() {
        files.write("compose.yaml", """
                services:
                  web:
                    imagee: nginx
                  db:
                    image: [postgres]
                  cache:
                    restart: 5
                """);
        LoadResult result = files.load("compose.yaml");
        assertThat(result.errors()).extracting(e -> e.location().line()).containsExactly(3, 5, 7);
    }

    @Test
    void reportsDependencyCycleWithFullPath() {
        Path file = files.write("compose.yaml", """
                services:
                  a:
                    image: busybox
                    depends_on: [b]
                  b:
                    image: busybox
                    depends_on: [c]
                  c:
                    image: busybox
                    depends_on: [a]
                """);
        Diagnostic d = only(files.load("compose.yaml"));
        assertThat(d.message()).isEqualTo("dependency cycle detected: a -> b -> c -> a");
        assertThat(d.location()).isEqualTo(new Location(file, 4, 5));
    }

    @Test
    void reportsExtendsCycleWithEveryStep() {
        files.write("compose.yaml", """
                services:
                  a:
                    image: busybox
                    extends: b
                  b:
                    image: busybox
                    extends: a
                """);
        Diagnostic d = only(files.load("compose.yaml"));
        assertThat(d.message()).startsWith("Circular reference: a in ").contains(" extends b in ", " extends a in ");
    }

    @Test
    void warnsAboutObsoleteVersionAtTheKey() {
        Path file = files.write("compose.yaml", """
                version: "3.8"
                services:
                  web:
                    image: nginx
                """);
        LoadResult result = files.load("compose.yaml");
        assertThat(result.hasErrors()).isFalse();
        assertThat(result.warnings()).extracting(Diagnostic::location).containsExactly(new Location(file, 1, 1));
    }

    @Test
    void projectKnowsWhereEachValueCameFromAcrossFiles() {
        Path base = files.write("compose.yaml", """
                services:
                  web:
                    image: nginx
                    ports: ["80:80"]
                """);
        Path override = files.write("compose.override.yaml", """
                services:
                  web:
                    image: nginx:alpine
                """);
        var project = files.load(Map.of(), "compose.yaml", "compose.override.yaml").orThrow();
        assertThat(project.locationOf("services.web.image")).isEqualTo(new Location(override, 3, 12));
        assertThat(project.locationOf("services.web.ports.0")).isEqualTo(new Location(base, 4, 13));
    }
}
