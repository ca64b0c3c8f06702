package dev.berth.bench;

import dev.berth.testkit.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GUI's start-up and memory as a user gets them, through {@code ./berth} (so the launcher's JVM options
 * and AOT cache count). Needs a display: run under {@code xvfb-run -a -s "-screen 0 1440x900x24"}.
 *
 * <ol>
 *   <li>First frame: {@code ./berth} with {@code -Dberth.measure.startup=true} (the app prints the time from
 *       the process start to the end of the first drawn pulse, its CPU time and the wall-clock moment, then
 *       quits), N runs after one unmeasured run that also trains the GUI's AOT cache. The figure is taken
 *       from the outside too: from just before this bench spawns the launcher to that moment.</li>
 *   <li>Footprint: a 20-service project (busybox, every container logging a line a second) started with
 *       Berth's CLI, then {@code ./berth open DIR} per variant; {@code VmRSS} of the process at fixed times.
 *       A variant is a list of JVM options and {@code NAME=value} environment settings added to the
 *       launcher's ({@code "-"} = the launcher's defaults alone).</li>
 * </ol>
 *
 * <p>Run: {@code benchmarks/run GuiFootprintBench [first-frame runs] [seconds] [variant...]}.
 */
public final class GuiFootprintBench {

    private static final Pattern FIRST_FRAME = Pattern.compile("first frame (\\d+) ms after the process started \\((\\d+) ms CPU");
    private static final Pattern FIRST_FRAME_AT = Pattern.compile("; at (\\d+)\\)");
    private static final int SERVICES = 20;

    private GuiFootprintBench() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        List<String> variants = args.length > 2 ? Arrays.asList(args).subList(2, args.length) : List.of("-");
        if (System.getenv("DISPLAY") == null) {
            throw new IllegalStateException("no DISPLAY: run under xvfb-run");
        }
        Path launcher = Path.of("berth").toAbsolutePath();
        firstFrame(launcher, runs);
        footprint(launcher, seconds, variants);
    }

    private static void firstFrame(Path launcher, int runs) throws IOException, InterruptedException {
        List<Double> wall = new ArrayList<>();
        List<Double> outside = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            long spawned = System.currentTimeMillis();
            String out = runToEnd(List.of(launcher.toString()), Map.of("BERTH_JAVA_OPTS", "-Dberth.measure.startup=true"));
            Matcher m = FIRST_FRAME.matcher(out);
            Matcher at = FIRST_FRAME_AT.matcher(out);
            if (!m.find() || !at.find()) {
                throw new IOException("no first-frame line in the output:\n" + out);
            }
            if (i > 0) { // the first run may build, train the AOT cache, warm the page cache
                wall.add(Double.parseDouble(m.group(1)));
                outside.add((double) (Long.parseLong(at.group(1)) - spawned));
                cpu.add(Double.parseDouble(m.group(2)));
                System.out.println("  " + out.lines().filter(line -> line.contains("first frame")).findFirst().orElse(""));
            }
        }
        System.out.printf("first frame, median of %d: %.0f ms wall as the app measures it, %.0f ms from the bench's spawn,"
                + " %.0f ms CPU (runs %s / %s)%n", runs, BenchProcesses.median(wall), BenchProcesses.median(outside),
                BenchProcesses.median(cpu), wall, outside);
    }

    private static void footprint(Path launcher, int seconds, List<String> variants) throws Exception {
        Path dir = Files.createTempDirectory("berth-footprint");
        String project = "footprint-" + UUID.randomUUID().toString().substring(0, 8);
        Files.writeString(dir.resolve("compose.yaml"), projectYaml());
        List<String> berth = BenchProcesses.berthCommand();
        try {
            BenchProcesses.timeMillis(BenchProcesses.concat(berth, "-p", project, "up", "-d"), dir);
            System.out.printf("%d services running (project %s), each logging a line a second%n", SERVICES, project);
            System.out.printf("%-70s %10s %10s %10s%n", "variant", "RSS 20 s", "RSS " + seconds / 2 + " s", "RSS " + seconds + " s");
            for (String variant : variants) {
                long[] rss = openAndSample(launcher, dir, variant, new int[] {20, seconds / 2, seconds});
                System.out.printf("%-70s %7d MB %7d MB %7d MB%n", variant.equals("-") ? "launcher defaults" : variant,
                        rss[0] / 1024, rss[1] / 1024, rss[2] / 1024);
            }
        } finally {
            BenchProcesses.timeMillis(BenchProcesses.concat(berth, "-p", project, "down", "-t", "0"), dir);
        }
    }

    private static String projectYaml() {
        StringBuilder yaml = new StringBuilder("services:\n");
        for (int i = 1; i <= SERVICES; i++) {
            yaml.append("  s").append(i).append(":\n")
                    .append("    image: ").append(TestEngine.BUSYBOX_IMAGE).append('\n')
                    .append("    command: [\"sh\", \"-c\", \"i=0; while true; do i=$$((i+1)); echo service ").append(i)
                    .append(" line $$i; sleep 1; done\"]\n")
                    .append("    stop_grace_period: 1s\n");
        }
        return yaml.toString();
    }

    /** Starts {@code ./berth open dir} with the variant's settings and reads its VmRSS (KiB) at each time. */
    private static long[] openAndSample(Path launcher, Path dir, String variant, int[] atSeconds) throws Exception {
        Map<String, String> env = new HashMap<>();
        List<String> jvm = new ArrayList<>();
        for (String token : variant.equals("-") ? List.<String>of() : List.of(variant.split("\\s+"))) {
            if (token.matches("[A-Z_][A-Z0-9_]*=.*")) {
                env.put(token.substring(0, token.indexOf('=')), token.substring(token.indexOf('=') + 1));
            } else {
                jvm.add(token);
            }
        }
        env.put("BERTH_JAVA_OPTS", String.join(" ", jvm));
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "open", dir.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        Process gui = pb.start();
        long start = System.nanoTime();
        long[] rss = new long[atSeconds.length];
        try {
            for (int i = 0; i < atSeconds.length; i++) {
                long due = start + TimeUnit.SECONDS.toNanos(atSeconds[i]);
                while (System.nanoTime() < due) {
                    if (!gui.isAlive()) {
                        throw new IOException("the GUI exited early (" + gui.exitValue() + ") with " + variant);
                    }
                    Thread.sleep(200);
                }
                rss[i] = vmRssKiB(gui.pid());
            }
        } finally {
            gui.destroy();
            if (!gui.waitFor(10, TimeUnit.SECONDS)) {
                gui.destroyForcibly();
            }
        }
        return rss;
    }

    private static long vmRssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("no VmRSS for " + pid);
    }

    private static String runToEnd(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return out;
    }
}
