package dev.berth.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.model.WatchRule;
import dev.berth.compose.model.WatchRule.Action;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code develop.watch} as typed rules: every action, paths resolved against the project directory. */
class WatchRuleTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryActionWithItsPathsPatternsAndFlags() {
        Fixtures f = new Fixtures(dir);
        f.write("compose.yaml", """
                services:
                  web:
                    build: .
                    develop:
                      watch:
                        - action: sync
                          path: ./src
                          target: /app/src
                          ignore: [node_modules/, "*.tmp"]
                          include: ["*.js"]
                          initial_sync: true
                        - action: rebuild
                          path: package.json
                        - action: sync+restart
                          path: ./conf
                          target: /etc/app
                        - action: sync+exec
                          path: ./static
                          target: /srv
                          exec:
                            command: [kill, -HUP, "1"]
                        - action: restart
                          path: ./env
                """);
        LoadResult result = ComposeLoader.load(ProjectOptions.in(dir).withComposeFiles(List.of(dir.resolve("compose.yaml")))
                .withProjectName("watch"));
        assertThat(result.diagnostics()).isEmpty();
        List<WatchRule> rules = WatchRule.of(result.project().orElseThrow().service("web"));

        assertThat(rules).extracting(WatchRule::action)
                .containsExactly(Action.SYNC, Action.REBUILD, Action.SYNC_RESTART, Action.SYNC_EXEC, Action.RESTART);
        WatchRule sync = rules.getFirst();
        assertThat(Path.of(sync.path())).isEqualTo(dir.resolve("src"));
        assertThat(sync.target()).isEqualTo("/app/src");
        assertThat(sync.ignore()).containsExactly("node_modules/", "*.tmp");
        assertThat(sync.include()).containsExactly("*.js");
        assertThat(sync.initialSync()).isTrue();
        assertThat(Path.of(rules.get(1).path())).isEqualTo(dir.resolve("package.json"));
        assertThat(rules.get(1).target()).isNull();
        assertThat(rules.get(1).initialSync()).isFalse();
        assertThat(rules.get(3).exec()).containsExactly("kill", "-HUP", "1");
        assertThat(rules).extracting(r -> r.action().syncs()).containsExactly(true, false, true, true, false);
    }

    @Test
    void aServiceWithoutDevelopHasNoRules() {
        Fixtures f = new Fixtures(dir);
        f.write("compose.yaml", "services:\n  web:\n    image: nginx\n");
        LoadResult result = f.load("compose.yaml");
        assertThat(WatchRule.of(result.project().orElseThrow().service("web"))).isEmpty();
    }
}
