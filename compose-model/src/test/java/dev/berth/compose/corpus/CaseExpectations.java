package dev.berth.compose.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.ProjectOptions;
import dev.berth.compose.model.Dependency;
import dev.berth.compose.model.PortSpec;
import dev.berth.compose.model.Project;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.model.VolumeMount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.assertj.core.groups.Tuple;

/** Key fields of each OK case's expected.txt, written as assertions on the typed model. */
final class CaseExpectations {

    static final Map<String, BiConsumer<Project, Path>> FOR_CASE = new HashMap<>();

    /**
     * compose-go's own tests load two cases with checks switched off, and the corpus expects what
     * those tests saw: 010 uses SkipConsistencyCheck (its service has neither image nor build), 033
     * feeds Go structs straight to the normaliser (its {@code cgroup: service:bar} is not allowed by
     * the schema). We load them the same way, through our equivalent options.
     */
    private static final Map<String, UnaryOperator<ProjectOptions>> LOADED_LIKE_COMPOSE_GO_TESTS = Map.of(
            "010", o -> o.withConsistencyChecks(false),
            "033", o -> o.withSchemaValidation(false));

    static ProjectOptions optionsFor(CorpusCase c) {
        return LOADED_LIKE_COMPOSE_GO_TESTS.getOrDefault(c.id(), UnaryOperator.identity()).apply(c.options());
    }

    private CaseExpectations() {}

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static PortSpec port(int target, String published, String protocol, String mode) {
        return new PortSpec(target, published, null, protocol, mode, null, null);
    }

    private static void env(Project p, String service, Map<String, String> expected) {
        assertThat(p.service(service).environment()).containsExactlyInAnyOrderEntriesOf(expected);
    }

    static {
        FOR_CASE.put("001", (p, dir) -> {
            assertThat(p.name()).isEqualTo("load-with-environment-interpolation");
            assertThat(p.service("test").labels()).containsExactlyInAnyOrderEntriesOf(
                    map("home1", "/home/foo", "home2", "/home/foo", "nonexistent", "", "default", "default"));
            assertThat(p.networks().get("test").driver()).isEqualTo("/home/foo");
            assertThat(p.volumes().get("test").driver()).isEqualTo("/home/foo");
        });
        FOR_CASE.put("002", (p, dir) -> env(p, "app", map("A", "ok def", "B", "ok def", "C", "ok def", "D", "ok ",
                "E", "ok first", "F", "This  var", "G", "This  var")));
        FOR_CASE.put("003", (p, dir) -> env(p, "app", map("A", "ok ", "B", "ok ", "C", "ok presence_value",
                "D", "ok presence_value", "E", "ok presence_value", "F", "ok ")));
        FOR_CASE.put("004", (p, dir) -> env(p, "app", map("A", "ok first", "B", "ok first", "C", "ok first first",
                "D", "ok first", "E", "ok first second", "F", "qix", "G", "x_test_y")));
        FOR_CASE.put("006", (p, dir) -> env(p, "app", map("A", "ok first", "B", "ok first", "C", "ok ")));
        FOR_CASE.put("008", (p, dir) -> {
            assertThat(p.service("app").command()).containsExactly("sh", "-c", "echo ${foo} $HOME");
            env(p, "app", map("A", "a $ string", "B", "^REGEX$", "C", "$}", "D", "$"));
        });
        FOR_CASE.put("010", (p, dir) -> {
            ServiceSpec web = p.service("web");
            assertThat(web.deploy().replicas()).isEqualTo(555);
            assertThat(web.deploy().other().get("update_config")).isEqualTo(Map.of("parallelism", 555L, "max_failure_ratio", 3.14));
            assertThat(web.deploy().other().get("restart_policy")).isEqualTo(Map.of("max_attempts", 555L));
            assertThat(web.healthcheck().retries()).isEqualTo(555);
            assertThat(web.healthcheck().disable()).isTrue();
            assertThat(web.ports()).containsExactly(port(555, null, "tcp", "ingress"), port(34567, null, "tcp", "ingress"),
                    port(555, "555", "tcp", "ingress"));
            assertThat(web.ulimits().get("nproc").soft()).isEqualTo(555);
            assertThat(web.ulimits().get("nofile").hard()).isEqualTo(555);
            assertThat(web.privileged() && web.readOnly() && web.stdinOpen() && web.tty()).isTrue();
            assertThat(web.shmSize()).isEqualTo(2147483648L);
            assertThat(web.stopGracePeriod()).isEqualTo(Duration.ofSeconds(60));
            VolumeMount data = web.volumes().get(0);
            assertThat(data.readOnly()).isTrue();
            assertThat(data.volume().nocopy()).isTrue();
            assertThat(web.configs().get(0).mode()).isEqualTo(0555L);
            assertThat(web.secrets().get(0).mode()).isEqualTo(0555L);
            assertThat(web.secrets().get(0).target()).isEqualTo("/run/secrets/super");
            assertThat(p.configs().get("appconfig").external()).isTrue();
            assertThat(p.secrets().get("super").external()).isTrue();
            assertThat(p.volumes().get("data").external()).isTrue();
            assertThat(p.networks().get("front").external() && p.networks().get("front").internal()
                    && p.networks().get("front").attachable()).isTrue();
        });
        FOR_CASE.put("011", (p, dir) -> env(p, "app", map("A", "first-bar", "B", "ok /non:-alphanumeric",
                "C", "ok {\"json\":1}", "D", "ok {\"json\":2}", "E", "myerror?msg")));
        FOR_CASE.put("012", (p, dir) -> {
            assertThat(p.name()).isEqualTo("overrided");
            assertThat(p.service("web").containerName()).isEqualTo("overrided-web");
            assertThat(p.service("db").containerName()).isEqualTo("overrided-db");
            assertThat(p.service("proxy").containerName()).isEqualTo("overrided-proxy");
        });
        FOR_CASE.put("013", (p, dir) -> assertThat(p.name()).isEqualTo("test-expected-test"));
        FOR_CASE.put("015", (p, dir) -> assertThat(p.service("simple").ports()).containsExactly(port(80, "8000", "tcp", "ingress")));
        FOR_CASE.put("016", (p, dir) -> assertThat(p.service("app").labels()).isEqualTo(map("foo", "zot", "bar", "zot")));
        FOR_CASE.put("017", (p, dir) -> {
            assertThat(p.name()).isEqualTo("my_project_from_dot_env");
            assertThat(p.configFiles()).containsExactly(dir.resolve("compose-with-env-file.yaml"));
            assertThat(p.service("simple").environment()).containsEntry("DEFAULT_PORT", "8080");
            assertThat(p.service("simple").ports().get(0)).isEqualTo(port(80, "8000", "tcp", "ingress"));
        });
        FOR_CASE.put("018", (p, dir) -> {
            env(p, "web", map("FOO", "foo_from_env_file", "BAZ", "baz_from_env_file", "BAR", "bar_from_env_file_2",
                    "QUX", "quz_from_env_file_2", "ENV.WITH.DOT", "ok", "ENV_WITH_UNDERSCORE", "ok"));
            assertThat(p.service("web").envFiles()).extracting(f -> f.path() + " " + f.required()).containsExactly(
                    dir.resolve("example1.env") + " true", dir.resolve("example2.env") + " false");
        });
        FOR_CASE.put("019", (p, dir) -> {
            assertThat(p.service("simple").ports().get(0).published()).isEqualTo("9000");
            assertThat(p.service("simple").environment()).containsEntry("DEFAULT_PORT", "9090");
        });
        FOR_CASE.put("020", (p, dir) -> env(p, "app", map("OPTION_A", "1", "OPTION_C", "3", "OPTION_D", "4",
                "OPTION_H", "my string", "QUOTED_S", "quote $OPTION_A", "QUOTED_D", "quote 1", "NEWLINE_D", "bar\nbaz",
                "NEWLINE_S", "\\n", "HASH", "123#not-an-inline-comment", "HASHQ", "bar#baz", "EXPORTED", "2",
                "YAMLSTYLE", "1", "EXPANDED", "1_x")));
        FOR_CASE.put("021", (p, dir) -> {
            Map<String, String> expected = map("FOO", "1", "BAR", "2", "GA", "2.5", "BU", "", "MEU", "Shadoks", "T", "true");
            expected.put("ZO", null);
            env(p, "dict-env", expected);
            env(p, "list-env", expected);
        });
        FOR_CASE.put("024", (p, dir) -> assertThat(p.service("web").ports()).containsExactly(
                port(8080, "80", "tcp", "ingress"), port(8081, "81", "tcp", "ingress"), port(8082, "82", "tcp", "ingress"),
                port(8090, "90", "udp", "ingress"), port(8091, "91", "udp", "ingress"), port(8092, "92", "udp", "ingress"),
                port(8500, "85", "tcp", "ingress"), port(8600, null, "tcp", "ingress"), port(53, "10053", "udp", "ingress"),
                port(22, "10022", "tcp", "host")));
        FOR_CASE.put("025", (p, dir) -> {
            List<VolumeMount> v = p.service("app").volumes();
            assertThat(v).extracting(VolumeMount::type, VolumeMount::source, VolumeMount::target).containsExactly(
                    Tuple.tuple("bind", dir.resolve("foo").toString(), "/target"),
                    Tuple.tuple("bind", "/home/user", "/ro-target"),
                    Tuple.tuple("bind", "/source", "/slave-target"),
                    Tuple.tuple("bind", "/source", "/z-target"),
                    Tuple.tuple("volume", "name", "/named-target"),
                    Tuple.tuple("volume", null, "/anonymous"),
                    Tuple.tuple("volume", "0", "/foo"),
                    Tuple.tuple("bind", dir.toString(), "/app"));
            assertThat(v.get(0).bind().createHostPath()).isTrue();
            assertThat(v.get(1).readOnly()).isTrue();
            assertThat(v.get(2).bind().propagation()).isEqualTo("slave");
            assertThat(v.get(3).bind().selinux()).isEqualTo("z");
            assertThat(v.get(3).readOnly()).isTrue();
            assertThat(v.get(4).volume().nocopy()).isTrue();
            assertThat(v.get(7).bind()).isNull();
        });
        FOR_CASE.put("029", (p, dir) -> {
            assertThat(p.service("foo").dependsOn()).containsExactly(
                    Map.entry("bar", new Dependency("bar", "service_started", true, false)),
                    Map.entry("baz", new Dependency("baz", "service_healthy", false, false)),
                    Map.entry("qux", new Dependency("qux", "service_completed_successfully", true, true)));
            assertThat(p.service("web").dependsOn()).containsExactly(
                    Map.entry("bar", new Dependency("bar", "service_started", true, false)),
                    Map.entry("qux", new Dependency("qux", "service_started", true, false)));
        });
        FOR_CASE.put("033", (p, dir) -> {
            Map<String, Dependency> deps = p.service("test").dependsOn();
            assertThat(deps.get("foo")).isEqualTo(new Dependency("foo", "service_healthy", true, false));
            for (String s : List.of("bar", "baz", "qux", "corge")) {
                assertThat(deps.get(s)).isEqualTo(new Dependency(s, "service_started", true, true));
            }
            assertThat(deps.get("quux")).isEqualTo(new Dependency("quux", "service_started", true, false));
            assertThat(p.service("foo").networks()).containsOnlyKeys("default");
            assertThat(p.networks().get("default").name()).isEqualTo("myproject_default");
        });
        FOR_CASE.put("034", (p, dir) -> {
            assertThat(p.service("foo").image()).isEqualTo("busybox");
            assertThat(p.service("foo").command()).containsExactly("echo");
            assertThat(p.service("baz").image()).isEqualTo("busybox");
            assertThat(p.service("baz").command()).containsExactly("/bin/ash", "-c", "rm -rf /tmp/might-not-exist");
            assertThat(p.service("foo").otherFields()).doesNotContainKey("extends");
        });
        FOR_CASE.put("035", (p, dir) -> {
            ServiceSpec s = p.service("importer");
            assertThat(p.serviceNames()).containsExactly("importer");
            assertThat(s.image()).isEqualTo("nginx");
            assertThat(s.containerName()).isEqualTo("imported");
            assertThat(s.environment()).isEqualTo(map("SOURCE", "extends"));
            assertThat(s.envFiles().get(0).path()).isEqualTo(dir.resolve("subdir/extra.env").toString());
            assertThat(s.volumes().get(0).source()).isEqualTo("/opt/data");
            assertThat(s.volumes().get(0).bind().createHostPath()).isTrue();
            assertThat(s.networks()).containsOnlyKeys("default");
        });
        FOR_CASE.put("036", (p, dir) -> {
            assertThat(p.service("test1").image()).isEqualTo("base");
            assertThat(p.service("test1").hostname()).isEqualTo("test1");
            assertThat(p.service("test3").image()).isEqualTo("base");
            assertThat(p.service("withport").ports().get(0)).isEqualTo(port(8000, "8000", "tcp", "ingress"));
            assertThat(p.service("ulim").ulimits().get("nproc").soft()).isEqualTo(65535);
            assertThat(p.service("ulim").ulimits().get("nofile").soft()).isEqualTo(20000);
            assertThat(p.service("ulim").ulimits().get("nofile").hard()).isEqualTo(40000);
            assertThat(p.service("built").build().context()).isEqualTo(dir.resolve("extends").toString());
        });
        FOR_CASE.put("037", (p, dir) -> {
            assertThat(p.service("foo").image()).isEqualTo("alpine");
            assertThat(p.service("foo").command()).containsExactly("echo");
            assertThat(p.service("foo").volumes()).isEmpty();
            assertThat(p.service("bar").volumes()).hasSize(1);
        });
        FOR_CASE.put("038", (p, dir) -> {
            assertThat(p.service("main_two").dependsOn()).containsOnlyKeys("depend_two");
            assertThat(p.service("main").dependsOn()).containsOnlyKeys("depend_base", "depend_two");
        });
        FOR_CASE.put("042", (p, dir) -> {
            assertThat(p.serviceNames()).containsExactly("bar");
            assertThat(p.disabledServices()).containsOnlyKeys("foo");
        });
        FOR_CASE.put("043", (p, dir) -> assertThat(p.serviceNames()).containsExactly("myservice"));
        FOR_CASE.put("044", (p, dir) -> {
            ServiceSpec imported = p.service("imported");
            assertThat(imported.containerName()).isEqualTo("extends");
            assertThat(imported.environment()).isEqualTo(map("SOURCE", "extends"));
            assertThat(imported.envFiles().get(0).path()).isEqualTo(dir.resolve("subdir/extra.env").toString());
            assertThat(p.service("foo").dependsOn().get("imported")).isEqualTo(new Dependency("imported", "service_started", true, false));
        });
        FOR_CASE.put("046", (p, dir) -> {
            assertThat(p.service("imported").image()).isEqualTo("overridden");
            assertThat(p.service("imported").containerName()).isEqualTo("imported");
        });
        FOR_CASE.put("047", (p, dir) -> {
            assertThat(p.service("a").environment()).containsEntry("VAR_NAME", null);
            assertThat(p.service("b").environment()).containsEntry("VAR_NAME", "value");
            assertThat(p.service("c").environment()).containsEntry("VAR_NAME", "value");
        });
        FOR_CASE.put("048", (p, dir) -> {
            ServiceSpec s = p.service("service");
            assertThat(s.build().context()).isEqualTo(dir.resolve("subdir").toString());
            assertThat(s.build().dockerfileInline()).contains("FROM busybox");
            assertThat(s.volumes().get(0).source()).isEqualTo(dir.resolve("subdir/compose-test-extends-imported.yaml").toString());
            assertThat(s.envFiles().get(0).path()).isEqualTo(dir.resolve("subdir/extra.env").toString());
            assertThat(s.environment()).containsEntry("SOURCE", "extends");
        });
        FOR_CASE.put("049", (p, dir) -> {
            ServiceSpec s = p.service("simple");
            assertThat(s.image()).isEqualTo("haproxy");
            assertThat(s.scale()).isEqualTo(2);
            assertThat(s.command()).containsExactly("run", "--override");
            assertThat(s.ports()).containsExactly(port(80, "8080", "tcp", "ingress"), port(443, "8443", "tcp", "ingress"));
            assertThat(s.capAdd()).containsExactly("NET_ADMIN", "SYS_TIME");
            assertThat(p.service("extra").image()).isEqualTo("busybox");
        });
        FOR_CASE.put("050", (p, dir) -> {
            Map<String, String> env = map("FOO", "BAR", "NUM", "3", "QIX", "ZOT", "EMPTY", "");
            env.put("NIL", null);
            env(p, "test", env);
            assertThat(p.service("test").labels()).containsExactlyInAnyOrderEntriesOf(
                    map("FOO", "BAR", "EMPTY", "", "NIL", "", "QIX", "ZOT"));
        });
        FOR_CASE.put("051", (p, dir) -> {
            assertThat(p.service("test").networks()).containsOnlyKeys("test_network", "back-network");
            assertThat(p.service("test").networks().get("test_network").aliases()).containsExactly("alias1", "alias2");
        });
        FOR_CASE.put("052", (p, dir) -> assertThat(p.service("test").dependsOn()).containsExactly(
                Map.entry("foo", new Dependency("foo", "service_healthy", false, false))));
        FOR_CASE.put("053", (p, dir) -> assertThat(p.service("test").volumes())
                .extracting(VolumeMount::type, VolumeMount::source, VolumeMount::target).containsExactly(
                        Tuple.tuple("bind", dir.resolve("src").toString(), "/src"),
                        Tuple.tuple("volume", "a", "/a"),
                        Tuple.tuple("volume", "c", "/c")));
        FOR_CASE.put("054", (p, dir) -> {
            assertThat(p.service("same").logging().driver()).isEqualTo("syslog");
            assertThat(p.service("same").logging().options()).isEqualTo(map("syslog-address", "tcp://127.0.0.1:123"));
            assertThat(p.service("distinct").logging().options()).isEqualTo(map("syslog-address", "tcp://127.0.0.1:123"));
            assertThat(p.service("implicit").logging().driver()).isNull();
            assertThat(p.service("implicit").logging().options()).isEqualTo(map("max-size", "10m", "max-file", "3"));
        });
        FOR_CASE.put("055", (p, dir) -> {
            assertThat(p.service("test").build().context()).isEqualTo(dir.resolve("src").toString());
            assertThat(p.service("test").build().dockerfile()).isEqualTo("Dockerfile");
            assertThat(p.service("test").build().args()).isEqualTo(map("FOO", "BAR"));
        });
        FOR_CASE.put("056", (p, dir) -> {
            assertThat(p.service("foo").image()).isEqualTo("foo");
            assertThat(p.service("foo").build()).isNull();
            assertThat(p.service("foo").environment()).isEmpty();
        });
        FOR_CASE.put("057", (p, dir) -> assertThat(p.networks()).doesNotContainKey("test"));
        FOR_CASE.put("058", (p, dir) -> {
            assertThat(p.networks().get("test").external()).isFalse();
            assertThat(p.networks().get("test").name()).isEqualTo("test-override_test");
        });
        FOR_CASE.put("059", (p, dir) -> {
            assertThat(p.service("test").volumes()).extracting(VolumeMount::source).containsExactly("/bar", "/zot");
            assertThat(p.service("test").networks()).containsOnlyKeys("zot");
        });
        FOR_CASE.put("061", (p, dir) -> assertThat(p.service("test").image()).isEqualTo("nginx:override"));
        FOR_CASE.put("069", (p, dir) -> {
            assertThat(p.volumes().get("foo").name()).isEqualTo("oops");
            assertThat(p.volumes().get("foo").external()).isTrue();
        });
        FOR_CASE.put("076", (p, dir) -> {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> watch = (List<Map<String, Object>>) p.service("frontend").develop().get("watch");
            assertThat(watch.get(0)).containsEntry("action", "sync").containsEntry("target", "/var/www")
                    .containsEntry("initial_sync", true).containsEntry("ignore", List.of("node_modules/"));
            assertThat(p.service("proxy").develop().toString()).contains("sync+restart");
        });
        FOR_CASE.put("077", (p, dir) -> {
            assertThat(p.service("foo").build().context()).isEqualTo(dir.resolve("testdata").toString());
            assertThat(p.service("foo").build().dockerfile()).isEqualTo("Dockerfile");
            assertThat(p.service("foo").build().args()).isEqualTo(map("FOO", "BAR"));
            assertThat(p.networks().get("default").name()).isEqualTo("myproject_default");
            assertThat(p.networks().get("myExternalnet").name()).isEqualTo("myExternalnet");
            assertThat(p.networks().get("myNamedNet").name()).isEqualTo("CustomName");
            assertThat(p.networks().get("mynet").name()).isEqualTo("myproject_mynet");
            assertThat(p.volumes().get("myExternalVol").name()).isEqualTo("myExternalVol");
            assertThat(p.volumes().get("myvol").name()).isEqualTo("myproject_myvol");
            assertThat(p.volumes().get("myNamedVol").name()).isEqualTo("CustomName");
        });
        FOR_CASE.put("078", (p, dir) -> {
            Map<String, String> env = map("BAR", "bar", "ZOT", "QIX");
            env.put("FOO", null);
            env(p, "test", env);
        });
        FOR_CASE.put("079", (p, dir) -> {
            assertThat(p.service("backend").image()).isEqualTo("alpine:latest");
            assertThat(p.service("backend").restart()).isEqualTo("unless-stopped");
            assertThat(p.service("s1").image()).isEqualTo("nginx");
            assertThat(p.service("s1").restart()).isEqualTo("always");
            assertThat(p.service("a2").image()).isEqualTo("alpine");
        });
        FOR_CASE.put("080", (p, dir) -> {
            assertThat(p.extensions()).isEqualTo(Map.of("x-project", "project"));
            assertThat(p.serviceNames()).containsExactly("foo", "x-bar");
            assertThat(p.service("foo").extensions()).isEqualTo(Map.of("x-foo", "bar"));
            assertThat(p.configs().get("x-config-name").extensions()).isEqualTo(Map.of("x-config-ext", "config"));
        });
        FOR_CASE.put("081", (p, dir) -> {
            assertThat(p.service("map").extraHosts()).isEqualTo(Map.of("alpha", List.of("50.31.209.229"), "zulu", List.of("162.242.195.82")));
            assertThat(p.service("list").extraHosts()).isEqualTo(Map.of("alpha", List.of("50.31.209.229"),
                    "zulu", List.of("127.0.0.2", "ff02::1")));
        });
        FOR_CASE.put("082", (p, dir) -> {
            assertThat(p.service("test").init()).isTrue();
            assertThat(p.service("test").memswapLimit()).isEqualTo(655360L);
            assertThat(p.service("test").volumes().get(0).tmpfs().size()).isEqualTo(1024L);
            assertThat(p.service("test2").memswapLimit()).isEqualTo(-1L);
        });
    }
}
