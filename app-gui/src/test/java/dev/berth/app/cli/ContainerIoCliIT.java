package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.app.cli.CliProject.Run;
import dev.berth.testkit.RequiresEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Commands that read from or run inside containers, in-process on the real engine: logs, exec, run, port, top, stats, events. */
@RequiresEngine
class ContainerIoCliIT {

    private final CliProject project = new CliProject("clio");

    @AfterEach
    void cleanUp() {
        project.close();
    }

    private static final String CHATTY = """
            services:
              web:
                image: IMAGE
                command: ["sh", "-c", "echo oops >&2; sleep 0.5; for i in 1 2 3 4 5; do echo web line $$i; done; exec sleep 3600"]
                stop_grace_period: 1s
                ports: ["127.0.0.1::8080"]
              worker:
                image: IMAGE
                command: ["sh", "-c", "echo worker ready; exec sleep 3600"]
                stop_grace_period: 1s
            """;

    private void upAndWaitForOutput() {
        project.write(CHATTY);
        Run up = project.berth("up", "-d");
        assertThat(up.exitCode()).as(up.toString()).isZero();
        // All the output, not just its first line: web prints "oops", sleeps, then its five lines.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String out = project.berth("logs").out();
            return out.contains("worker ready") && out.contains("oops") && out.contains("web line 5");
        });
    }

    @Test
    void logsMergesContainersWithComposePrefixesAndHonoursTail() {
        upAndWaitForOutput();

        Run logs = project.berth("logs", "--no-color");
        assertThat(logs.exitCode()).as(logs.toString()).isZero();
        String web = project.name + "-web-1";
        String worker = project.name + "-worker-1";
        int width = Math.max(web.length(), worker.length());
        assertThat(logs.out()).contains(pad(web, width) + "  | web line 1\n", pad(web, width) + "  | oops\n",
                pad(worker, width) + "  | worker ready\n");
        assertThat(logs.out()).doesNotContain("\u001b[");

        Run tail = project.berth("logs", "--tail", "2", "web");
        assertThat(tail.out().lines()).hasSize(2).allMatch(line -> line.startsWith(web + "  | "));
        assertThat(tail.out()).contains("web line 4").contains("web line 5").doesNotContain("web line 3").doesNotContain("worker");

        Run stamped = project.berth("logs", "-t", "--tail", "1", "worker");
        assertThat(stamped.out()).containsPattern("\\| \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z worker ready");
    }

    @Test
    void logsFollowPrintsNewLinesAndStopsWhenCancelled() {
        project.write("""
                services:
                  ticker:
                    image: IMAGE
                    command: ["sh", "-c", "i=0; while true; do i=$$((i+1)); echo tick $$i; sleep 0.3; done"]
                    stop_grace_period: 1s
                """);
        project.berth("up", "-d");
        StringWriter out = new StringWriter();
        AtomicReference<Thread> runner = new AtomicReference<>();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            runner.set(Thread.currentThread());
            return BerthCli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                    "-H", CliProject.HOST, "-p", project.name, "logs", "-f", "--tail", "1");
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> out.toString().lines().count() >= 4);
        assertThat(exit).isNotDone();

        runner.get().interrupt();

        await().atMost(Duration.ofSeconds(5)).until(exit::isDone);
        assertThat(exit.join()).isEqualTo(130);
        assertThat(out.toString().lines()).allMatch(line -> line.startsWith(project.name + "-ticker-1  | tick "));
    }

    @Test
    void logsFollowEndsWhenTheContainersStopAndSaysHow() {
        project.write("""
                services:
                  short:
                    image: IMAGE
                    command: ["sh", "-c", "echo started; sleep 2; echo leaving; exit 4"]
                """);
        project.berth("up", "-d");

        Run follow = project.berth("logs", "-f");

        assertThat(follow.exitCode()).as(follow.toString()).isZero();
        assertThat(follow.out()).contains(project.name + "-short-1  | started", project.name + "-short-1  | leaving",
                project.name + "-short-1 exited with code 4");
    }

    @Test
    void execReturnsTheCommandsExitCodeAndOutput() {
        upAndWaitForOutput();

        Run exec = project.berth("exec", "-T", "web", "sh", "-c", "echo to-out; echo to-err >&2; exit 7");
        assertThat(exec.exitCode()).isEqualTo(7);
        assertThat(exec.out()).isEqualTo("to-out\n");
        assertThat(exec.err()).isEqualTo("to-err\n");

        Run stdin = CliProject.rawWithInput("piped input\n", "-H", CliProject.HOST, "-p", project.name, "exec", "-T", "web", "cat");
        assertThat(stdin.exitCode()).as(stdin.toString()).isZero();
        assertThat(stdin.out()).isEqualTo("piped input\n");

        Run options = project.berth("exec", "-T", "-e", "X=1", "-w", "/bin", "-u", "1000", "web", "sh", "-c", "echo $X $(pwd) $(id -u)");
        assertThat(options.out()).isEqualTo("1 /bin 1000\n");

        Run notRunning = project.berth("exec", "-T", "nosuch", "true");
        assertThat(notRunning.exitCode()).isEqualTo(1);
        assertThat(notRunning.err()).contains("no such service: nosuch");
    }

    @Test
    void runCreatesAOneOffContainerAndRemovesItWithRm() {
        project.write("""
                services:
                  db:
                    image: IMAGE
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                  app:
                    image: IMAGE
                    command: ["echo", "default command"]
                    depends_on: [db]
                """);

        Run run = project.berth("run", "--rm", "-T", "-e", "GREETING=hi", "app", "sh", "-c", "echo $GREETING from run; exit 3");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).isEqualTo("hi from run\n");
        assertThat(project.berth("ps", "--services").out().lines()).as("dependencies started").containsExactly("db");
        assertThat(project.berth("ps", "-a", "-q", "app").out()).as("--rm removed the one-off").isEmpty();

        Run kept = project.berth("run", "-T", "--no-deps", "--name", project.name + "-kept", "app");
        assertThat(kept.exitCode()).as(kept.toString()).isZero();
        assertThat(kept.out()).isEqualTo("default command\n");
        assertThat(project.berth("ps", "-a").out()).contains(project.name + "-kept");
    }

    @Test
    void portTopStatsAndImagesDescribeRunningContainers() {
        upAndWaitForOutput();

        Run port = project.berth("port", "web", "8080");
        assertThat(port.exitCode()).as(port.toString()).isZero();
        assertThat(port.out()).matches("127\\.0\\.0\\.1:\\d+\n");
        assertThat(project.berth("port", "web", "9999").exitCode()).isEqualTo(1);

        Run top = project.berth("top", "worker");
        assertThat(top.out()).startsWith(project.name + "-worker-1\n").contains("PID").contains("sleep 3600");

        Run stats = project.berth("stats", "--no-stream");
        assertThat(stats.out()).contains("CPU %", "MEM USAGE / LIMIT", project.name + "-web-1", project.name + "-worker-1");

        Run images = project.berth("images");
        assertThat(images.out()).contains("berth-test/busybox", "latest", project.name + "-web-1");
    }

    @Test
    void eventsShowsThisProjectsContainerEventsUntilCancelled() {
        upAndWaitForOutput();
        StringWriter out = new StringWriter();
        AtomicReference<Thread> runner = new AtomicReference<>();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            runner.set(Thread.currentThread());
            return BerthCli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                    "-H", CliProject.HOST, "-p", project.name, "events", "--json");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> runner.get() != null);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            project.berth("pause", "worker");
            project.berth("unpause", "worker");
            assertThat(out.toString()).contains("\"action\":\"pause\"").contains("\"service\":\"worker\"");
        });

        runner.get().interrupt();
        await().atMost(Duration.ofSeconds(5)).until(exit::isDone);
    }

    private static String pad(String name, int width) {
        return name + " ".repeat(width - name.length());
    }
}
