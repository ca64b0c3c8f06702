package dev.berth.engine.compose.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.model.WatchRule;
import dev.berth.compose.model.WatchRule.Action;
import dev.berth.engine.build.DockerIgnore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchFilterTest {

    private static final Path PROJECT = Path.of("/work/project");

    private static WatchFilter filter(List<String> ignore, List<String> include, List<String> dockerIgnore) {
        WatchRule rule = new WatchRule(Action.SYNC, PROJECT.resolve("app/src").toString(), "/srv/src", ignore, include, false, List.of());
        return new WatchFilter(rule, PROJECT.resolve("app"), DockerIgnore.parse(dockerIgnore));
    }

    @Test
    void acceptsChangesUnderTheRulesPathOnly() {
        WatchFilter filter = filter(List.of(), List.of(), List.of());
        assertThat(filter.accepts(PROJECT.resolve("app/src/index.js"))).isTrue();
        assertThat(filter.accepts(PROJECT.resolve("app/src/deep/er/x.js"))).isTrue();
        assertThat(filter.accepts(PROJECT.resolve("app/other.js"))).isFalse();
        assertThat(filter.accepts(PROJECT.resolve("app/srcx/a.js"))).isFalse();
    }

    @Test
    void neverGitNorEditorTemporaryFiles() {
        WatchFilter filter = filter(List.of(), List.of(), List.of());
        for (String name : List.of(".git/index", "sub/.git/HEAD", "index.js~", ".index.js.swp", ".index.js.swx", "#index.js#", ".#index.js", "4913")) {
            assertThat(filter.accepts(PROJECT.resolve("app/src").resolve(name))).as(name).isFalse();
        }
        assertThat(filter.accepts(PROJECT.resolve("app/src/swp.js"))).isTrue();
    }

    @Test
    void dockerIgnoreIsRelativeToTheContextAndIgnoreAndIncludeToTheRulesPath() {
        WatchFilter filter = filter(List.of("node_modules/", "*.tmp"), List.of(), List.of("src/generated", "**/*.log"));
        assertThat(filter.accepts(PROJECT.resolve("app/src/generated/a.js"))).isFalse();
        assertThat(filter.accepts(PROJECT.resolve("app/src/x/debug.log"))).isFalse();
        assertThat(filter.accepts(PROJECT.resolve("app/src/node_modules/lib/index.js"))).isFalse();
        assertThat(filter.accepts(PROJECT.resolve("app/src/cache.tmp"))).isFalse();
        assertThat(filter.accepts(PROJECT.resolve("app/src/sub/cache.tmp"))).isTrue(); // "*.tmp" is one level, as in .dockerignore
        assertThat(filter.accepts(PROJECT.resolve("app/src/main.js"))).isTrue();

        WatchFilter only = filter(List.of(), List.of("*.js", "assets/"), List.of());
        assertThat(only.accepts(PROJECT.resolve("app/src/main.js"))).isTrue();
        assertThat(only.accepts(PROJECT.resolve("app/src/assets/logo.png"))).isTrue();
        assertThat(only.accepts(PROJECT.resolve("app/src/README.md"))).isFalse();
    }

    @Test
    void containerPathsAreTheTargetPlusThePathBelowTheRule() {
        WatchFilter filter = filter(List.of(), List.of(), List.of());
        assertThat(filter.containerPath("/srv/src", PROJECT.resolve("app/src/a/b.js"))).isEqualTo("/srv/src/a/b.js");
        assertThat(filter.containerPath("/srv/src/", PROJECT.resolve("app/src/a.js"))).isEqualTo("/srv/src/a.js");
        assertThat(filter.containerPath("/srv/src", PROJECT.resolve("app/src"))).isEqualTo("/srv/src");
    }
}
