package dev.berth.engine.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerIgnoreTest {

    private static DockerIgnore rules(String... lines) {
        return DockerIgnore.parse(List.of(lines));
    }

    @Test
    void matchesGlobsOnPathsRelativeToTheContext() {
        DockerIgnore ignore = rules("*.log", "/build", "# a comment", "", "tmp?");
        assertThat(ignore.isIgnored("app.log")).isTrue();
        assertThat(ignore.isIgnored("sub/app.log")).isFalse(); // '*' does not cross '/'
        assertThat(ignore.isIgnored("build/out.bin")).isTrue(); // a matched directory excludes its content
        assertThat(ignore.isIgnored("tmp1")).isTrue();
        assertThat(ignore.isIgnored("tmp12")).isFalse();
        assertThat(ignore.isIgnored("src/Main.java")).isFalse();
    }

    @Test
    void doubleStarCrossesDirectories() {
        DockerIgnore ignore = rules("**/*.class", "docs/**");
        assertThat(ignore.isIgnored("A.class")).isTrue();
        assertThat(ignore.isIgnored("a/b/c/A.class")).isTrue();
        assertThat(ignore.isIgnored("docs/x/y.md")).isTrue();
        assertThat(ignore.isIgnored("src/A.java")).isFalse();
    }

    @Test
    void letsTheLastMatchingRuleWinSoExceptionsReinclude() {
        DockerIgnore ignore = rules("*.md", "!README.md", "README*");
        assertThat(ignore.isIgnored("CHANGES.md")).isTrue();
        assertThat(ignore.isIgnored("README.md")).isTrue();
        DockerIgnore reinclude = rules("logs", "!logs/keep.log");
        assertThat(reinclude.isIgnored("logs/drop.log")).isTrue();
        assertThat(reinclude.isIgnored("logs/keep.log")).isFalse();
    }

    @Test
    void supportsCharacterClassesAndCleansPaths() {
        DockerIgnore ignore = rules("./cache/", "file[0-9].txt", "[!a]x");
        assertThat(ignore.isIgnored("cache/x")).isTrue();
        assertThat(ignore.isIgnored("file7.txt")).isTrue();
        assertThat(ignore.isIgnored("filex.txt")).isFalse();
        assertThat(ignore.isIgnored("bx")).isTrue();
        assertThat(ignore.isIgnored("ax")).isFalse();
    }

    @Test
    void alwaysSendsTheDockerfileAndTheIgnoreFile(@TempDir Path context) throws Exception {
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(context.resolve(".dockerignore"), "*\n!keep.txt\n");
        Files.writeString(context.resolve("keep.txt"), "k");
        Files.writeString(context.resolve("drop.txt"), "d");
        assertThat(new BuildContext(context, "Dockerfile").includedPaths()).containsExactly(".dockerignore", "Dockerfile", "keep.txt");
    }
}
