package dev.berth.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.berth.engine.api.ContainersApi;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.model.ContainerConfig;
import dev.berth.engine.api.model.ContainerCreateRequest;
import dev.berth.engine.api.model.HostConfig;
import dev.berth.engine.stream.EngineStream;
import dev.berth.engine.stream.OutputLine;
import dev.berth.testkit.TestEngine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Engine API client against {@code curl --unix-socket}, side by side on the same engine in one run:
 * <ol>
 *   <li>per-request latency of {@code /_ping} and {@code /containers/json} over one kept-alive connection —
 *       the client timed around each call (JSON decoding included), curl fetching the URL N times in one process
 *       (one connection, reused) and reporting each transfer's {@code time_total};</li>
 *   <li>reading all logs of a finished container that printed 1M lines — the client decoding them into
 *       {@link OutputLine}s, curl writing the raw multiplexed bytes to /dev/null.</li>
 * </ol>
 * Rounds alternate the two so machine noise hits both alike; medians are printed.
 * Run: {@code benchmarks/run EngineLatencyBench [requests per round, default 2000] [rounds, default 5] [log lines, default 1000000] [log rounds, default 3]}.
 */
public final class EngineLatencyBench {

    private static final String LABEL = "berth.bench";

    private EngineLatencyBench() {}

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int logLines = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        int logRounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        TestEngine.ensureAvailable();
        Path socket = TestEngine.socket();
        try (EngineClient client = EngineClient.connect(new EngineEndpoint.Unix(socket))) {
            String version = "/v" + client.apiVersion();
            System.out.println("engine: " + client.identity().summary() + " at " + socket + "; curl: " + curlVersion());
            System.out.printf("%-34s %14s %14s %10s%n", "per request (median of " + rounds + " rounds)", "berth", "curl", "berth/curl");
            latency("GET /_ping", rounds, requests, socket, "/_ping", () -> client.system().ping());
            latency("GET /containers/json", rounds, requests, socket, version + "/containers/json",
                    () -> client.containers().list(ContainersApi.ListOptions.running()));
            if (logLines > 0) {
                logs(client, socket, version, logLines, logRounds);
            }
        }
    }

    private static void latency(String name, int rounds, int requests, Path socket, String path, Runnable call) throws Exception {
        for (int i = 0; i < requests; i++) {
            call.run(); // warm-up: JIT, pooled connection
        }
        curlPerRequestMicros(socket, path, Math.min(requests, 200));
        List<Double> berth = new ArrayList<>();
        List<Double> curl = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                call.run();
            }
            berth.add((System.nanoTime() - start) / 1e3 / requests);
            curl.add(curlPerRequestMicros(socket, path, requests));
        }
        double b = BenchProcesses.median(berth);
        double c = BenchProcesses.median(curl);
        System.out.printf("%-34s %11.1f µs %11.1f µs %9.2fx%n", name, b, c, b / c);
    }

    /** One curl process, {@code n} transfers of the same URL over one connection; the mean of curl's own time_total. */
    private static double curlPerRequestMicros(Path socket, String path, int n) throws Exception {
        Path config = Files.createTempFile("berth-bench-curl", ".conf");
        try {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < n; i++) {
                text.append("url = \"http://localhost").append(path).append("\"\noutput = \"/dev/null\"\n");
            }
            Files.writeString(config, text);
            Process curl = new ProcessBuilder("curl", "-s", "--unix-socket", socket.toString(), "-w", "%{time_total}\\n",
                    "-K", config.toString()).redirectErrorStream(true).start();
            String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!curl.waitFor(120, TimeUnit.SECONDS) || curl.exitValue() != 0) {
                throw new IOException("curl failed: " + out);
            }
            double total = 0;
            int count = 0;
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    total += Double.parseDouble(line.strip());
                    count++;
                }
            }
            if (count != n) {
                throw new IOException("curl reported " + count + " transfers, expected " + n);
            }
            return total / n * 1e6;
        } finally {
            Files.deleteIfExists(config);
        }
    }

    private static void logs(EngineClient client, Path socket, String version, int lines, int rounds) throws Exception {
        String name = "berth-bench-logs-" + ProcessHandle.current().pid();
        ContainerCreateRequest request = ContainerCreateRequest.builder()
                .config(ContainerConfig.builder().image(TestEngine.BUSYBOX_IMAGE).cmd(List.of("seq", "1", Integer.toString(lines)))
                        .labels(Map.of(LABEL, name)).build())
                .hostConfig(HostConfig.builder().build())
                .build();
        String id = client.containers().create(name, request).id();
        try {
            client.containers().start(id);
            client.containers().waitFor(id, null);
            String url = "http://localhost" + version + "/containers/" + id + "/logs?stdout=1&stderr=1";
            List<Double> berth = new ArrayList<>();
            List<Double> curl = new ArrayList<>();
            List<Double> berthCpu = new ArrayList<>();
            List<Double> curlCpu = new ArrayList<>();
            long[] counted = {0};
            readLogs(client, id); // warm-up
            for (int round = 0; round < rounds; round++) {
                // A B B A...: whoever goes second must not always profit from a warmer engine.
                for (int turn = 0; turn < 2; turn++) {
                    if ((round + turn) % 2 == 0) {
                        long cpu = processCpuNanos();
                        long start = System.nanoTime();
                        counted[0] = readLogs(client, id);
                        berth.add((System.nanoTime() - start) / 1e9);
                        berthCpu.add((processCpuNanos() - cpu) / 1e9);
                    } else {
                        long start = System.nanoTime();
                        curlCpu.add(curlLogs(socket, url));
                        curl.add((System.nanoTime() - start) / 1e9);
                    }
                }
            }
            if (counted[0] != lines) {
                throw new IllegalStateException("read " + counted[0] + " lines, expected " + lines);
            }
            double b = BenchProcesses.median(berth);
            double c = BenchProcesses.median(curl);
            System.out.printf("%-34s %12.2f s %12.2f s %9.2fx%n", "logs of " + lines + " lines (median of " + rounds + ")", b, c, b / c);
            System.out.printf("%-34s %10.0f k/s %10.0f k/s%n", "  lines per second", lines / b / 1e3, lines / c / 1e3);
            System.out.printf("%-34s %12.2f s %12.2f s%n", "  CPU time of the reader", BenchProcesses.median(berthCpu),
                    BenchProcesses.median(curlCpu));
        } finally {
            client.containers().remove(id, true, true);
        }
    }

    /** Runs curl under bash and returns curl's user + system CPU seconds (bash's {@code times}). */
    private static double curlLogs(Path socket, String url) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "curl -s -o /dev/null --unix-socket \"$1\" \"$2\" && times", "bench",
                socket.toString(), url).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("curl failed reading the logs: " + out);
        }
        // times: the shell's own user/sys, then its children's ("0m0.236s 0m1.043s")
        String[] children = out.strip().lines().reduce((first, second) -> second).orElse("").split("\\s+");
        return seconds(children[0]) + seconds(children[1]);
    }

    private static double seconds(String minutesAndSeconds) {
        int m = minutesAndSeconds.indexOf('m');
        return Integer.parseInt(minutesAndSeconds.substring(0, m)) * 60
                + Double.parseDouble(minutesAndSeconds.substring(m + 1, minutesAndSeconds.length() - 1));
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long readLogs(EngineClient client, String id) {
        long count = 0;
        try (EngineStream<OutputLine> logs = client.containers().logs(id, ContainersApi.LogsOptions.everything())) {
            while (logs.next() != null) {
                count++;
            }
        }
        return count;
    }

    private static String curlVersion() throws Exception {
        Process p = new ProcessBuilder("curl", "--version").start();
        String first = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("?");
        p.waitFor();
        return first.split(" ")[1];
    }
}
