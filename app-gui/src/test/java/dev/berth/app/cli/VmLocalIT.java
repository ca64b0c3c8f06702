package dev.berth.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.app.cli.CliProject.Run;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine VM feels local (issue 16), for real under TCG: a compose project in a shared folder runs in the VM
 * with a relative bind mount (the container reads a file the test wrote on the host and writes one the test reads
 * and deletes), a published TCP port answers HTTP on the host's 127.0.0.1, a UDP port echoes, a port already taken
 * on the host is reported on its service by {@code berth vm ports}, the forwards are gone after {@code down}, and a
 * bind mount outside the shares is refused before anything is created. Then the file-sharing figures: host vs
 * virtiofs (this boot, when a virtiofsd is installed) vs 9p (a second boot), and docker start → port answering.
 * One VM at a time, stopped at the end. Skipped without QEMU, apt and gcc (the UDP echo is a static C program),
 * except under CI=true.
 */
class VmLocalIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path AREA = ROOT.resolve("app-gui/target/vm-local-it");
    private static final Path STATE = AREA.resolve("state");
    private static final Path SHARE = AREA.resolve("share");
    private static final String IMAGE = "berth-vm-test/tools:1";
    private static final int HTTP_PORT = 18480;
    private static final int UDP_PORT = 18481;
    private static final int TAKEN_PORT = 18482;
    private static String host;
    private static boolean virtiofs;

    @BeforeAll
    static void requirements() throws IOException {
        boolean ci = "true".equals(System.getenv("CI"));
        boolean qemu = Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64"));
        boolean apt = Files.isExecutable(Path.of("/usr/bin/apt-get")) && Files.isExecutable(Path.of("/usr/bin/dpkg-deb"));
        boolean gcc = Files.isExecutable(Path.of("/usr/bin/gcc"));
        if (ci) {
            assertTrue(qemu && apt && gcc, "CI=true: the VM sharing/ports test needs qemu-system-x86, a Debian host (apt, dpkg-deb) and gcc");
        }
        assumeTrue(qemu && apt && gcc, "no qemu-system-x86_64, apt or gcc: the VM sharing/ports test is skipped");
        System.setProperty("berth.home", ROOT.toString());
        System.setProperty("berth.state.dir", STATE.toString());
        System.setProperty("berth.docker.config", AREA.resolve("docker").toString());
        Files.createDirectories(SHARE);
        host = "unix://" + STATE.resolve("vm/default/docker.sock");
        virtiofs = Files.isExecutable(Path.of("/usr/libexec/virtiofsd"))
                || Files.isExecutable(Path.of("/usr/lib/qemu/virtiofsd")) && "root".equals(System.getProperty("user.name"));
    }

    @AfterAll
    static void stopTheVm() {
        if (host != null) {
            vm("stop");
        }
    }

    static Run vm(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "vm";
        System.arraycopy(args, 0, all, 1, args.length);
        Run run = CliProject.raw(all);
        System.out.println("$ berth " + String.join(" ", all) + "\n" + run);
        return run;
    }

    private static Run berth(Path dir, String project, String... args) {
        List<String> all = new ArrayList<>(List.of("-H", host, "-f", dir.resolve("compose.yaml").toString(), "-p", project));
        all.addAll(Arrays.asList(args));
        Run run = CliProject.raw(all.toArray(String[]::new));
        System.out.println("$ berth " + String.join(" ", all) + "\n" + run);
        return run;
    }

    /** busybox + a static UDP echo (compiled here with gcc -static); httpd serves the web page. */
    private static Path project(String name) throws IOException, InterruptedException {
        Path dir = SHARE.resolve(name);
        Files.createDirectories(dir.resolve("img/bin"));
        Files.createDirectories(dir.resolve("data"));
        Files.copy(Path.of("/bin/busybox"), dir.resolve("img/bin/busybox"), StandardCopyOption.REPLACE_EXISTING);
        Path source = dir.resolve("udp-echo.c");
        try (InputStream in = VmLocalIT.class.getResourceAsStream("/vm/udp-echo.c")) {
            Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
        }
        Process gcc = new ProcessBuilder("gcc", "-static", "-O2", "-o", dir.resolve("img/bin/udp-echo").toString(), source.toString())
                .inheritIO().start();
        assertEquals(0, gcc.waitFor(), "gcc -static udp-echo.c");
        Files.writeString(dir.resolve("img/Dockerfile"), """
                FROM scratch
                COPY bin/ /bin/
                RUN ["/bin/busybox", "--install", "-s", "/bin"]
                ENV PATH=/bin
                CMD ["sh"]
                """);
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  web:
                    build: ./img
                    image: %s
                    command: ["sh", "-c", "cat /work/in.txt > /work/seen.txt; echo written-by-container > /work/out.txt; mkdir -p /www; echo ok-from-vm > /www/index.html; udp-echo 9999 & exec httpd -f -p 80 -h /www"]
                    volumes: ["./data:/work"]
                    ports: ["%d:80", "%d:9999/udp"]
                    stop_signal: SIGKILL
                  clash:
                    build: ./img
                    image: %s
                    command: ["sh", "-c", "mkdir -p /www; exec httpd -f -p 80 -h /www"]
                    ports: ["%d:80"]
                    stop_signal: SIGKILL
                """.formatted(IMAGE, HTTP_PORT, UDP_PORT, IMAGE, TAKEN_PORT));
        return dir;
    }

    @Test
    void aProjectInASharedFolderFeelsLocalAndABindMountOutsideTheSharesIsRefused() throws Exception {
        assertEquals(0, vm("build-image").exitCode());
        vm("delete", "--yes"); // a fresh instance: containers of an earlier, failed run would hold the ports
        vm("settings", "--cpus", "2", "--memory", "1024", "--disk", "8", "--share", SHARE.toString(), "--unshare", System.getProperty("user.home"),
                "--network", "open", "--file-sharing", virtiofs ? "virtiofs" : "9p");
        Run start = vm("start", "--timeout", "400");
        assertEquals(0, start.exitCode(), start.toString());
        assertTrue(start.err().contains("file sharing " + (virtiofs ? "virtiofs" : "9p") + " [" + SHARE + "]"), start.err());

        String name = "vmlocal" + UUID.randomUUID().toString().substring(0, 6);
        Path dir = project(name);
        Files.writeString(dir.resolve("data/in.txt"), "written-by-the-host\n");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", TAKEN_PORT));
            Run up = berth(dir, name, "up", "-d");
            assertEquals(0, up.exitCode(), up.toString());

            // The published TCP port answers HTTP on the host's loopback.
            assertEquals("ok-from-vm", awaitHttp(HTTP_PORT, Duration.ofSeconds(90)).strip());
            // The bind mount: the container read the host's file and wrote its own.
            Path out = dir.resolve("data/out.txt");
            awaitFile(out, Duration.ofSeconds(30));
            assertEquals("written-by-container\n", Files.readString(out));
            assertEquals("written-by-the-host\n", Files.readString(dir.resolve("data/seen.txt")));
            assertTrue(Files.isReadable(out) && Files.isWritable(dir.resolve("data")), "the host user reads the file and may remove it");
            Files.delete(out);
            Files.delete(dir.resolve("data/seen.txt"));
            assertFalse(Files.exists(out));
            // UDP through the datagram forward.
            assertEquals("pong:ping", udp(UDP_PORT, "ping", Duration.ofSeconds(60)));

            // The taken host port is reported on its service.
            Run ports = vm("ports");
            assertEquals(4, ports.exitCode(), ports.toString());
            assertTrue(ports.out().contains("127.0.0.1:" + HTTP_PORT + "/tcp") && ports.out().contains("127.0.0.1:" + UDP_PORT + "/udp"), ports.out());
            assertTrue(ports.out().matches("(?s).*127\\.0\\.0\\.1:" + TAKEN_PORT + "/tcp\\s+FAILED\\s+service clash .*already in use.*"), ports.out());
            assertTrue(Files.readString(STATE.resolve("vm/default/relay.log")).contains("ERROR port 127.0.0.1:" + TAKEN_PORT + "/tcp of service clash"));

            // docker start -> the port answers on the host.
            assertEquals(0, berth(dir, name, "stop", "web").exitCode());
            awaitClosed(HTTP_PORT, Duration.ofSeconds(30));
            long t = System.nanoTime();
            assertEquals(0, berth(dir, name, "start", "web").exitCode());
            awaitHttp(HTTP_PORT, Duration.ofSeconds(90));
            figure("docker start -> published port answers on the host (" + sharing() + " boot)", (System.nanoTime() - t) / 1_000_000 + " ms");

            sharingFigures(dir, name);

            Run down = berth(dir, name, "down");
            assertEquals(0, down.exitCode(), down.toString());
        }
        awaitClosed(HTTP_PORT, Duration.ofSeconds(30));
        Run after = vm("ports");
        assertEquals(0, after.exitCode(), after.toString());
        assertFalse(after.out().contains(String.valueOf(HTTP_PORT)) || after.out().contains(String.valueOf(UDP_PORT)), after.out());

        // A bind mount outside the shares: refused before anything is created, naming the path and the setting.
        Path outside = AREA.resolve("outside-" + name);
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("compose.yaml"), """
                services:
                  app:
                    image: %s
                    command: ["sleep", "60"]
                    volumes: ["%s:/data"]
                """.formatted(IMAGE, outside.resolve("data")));
        Run refused = berth(outside, name + "out", "up", "-d");
        assertNotEquals(0, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("service app: the bind mount " + outside.resolve("data") + ":/data is outside"), refused.err());
        assertTrue(refused.err().contains("berth vm settings --name default --share " + outside.resolve("data")), refused.err());
        Run ps = berth(outside, name + "out", "ps", "-a");
        assertFalse(ps.out().contains(name + "out-app"), "nothing was created: " + ps);

        if (virtiofs) {
            // The baseline in the same run: 9p after a restart.
            assertEquals(0, vm("stop").exitCode());
            vm("settings", "--file-sharing", "9p");
            Run again = vm("start", "--timeout", "400");
            assertEquals(0, again.exitCode(), again.toString());
            assertTrue(again.err().contains("file sharing 9p"), again.err());
            virtiofs = false;
            assertEquals(0, berth(dir, name, "up", "-d", "web").exitCode());
            awaitHttp(HTTP_PORT, Duration.ofSeconds(120));
            sharingFigures(dir, name);
            assertEquals(0, berth(dir, name, "down").exitCode());
        }
    }

    private static String sharing() {
        return virtiofs ? "virtiofs" : "9p";
    }

    /** find over 10,000 files and cat of a 100 MB file: on the host, then in the container through the share. */
    private static void sharingFigures(Path dir, String name) throws IOException, InterruptedException {
        Path many = dir.resolve("data/many");
        if (!Files.isDirectory(many)) {
            for (int d = 0; d < 100; d++) {
                Path sub = Files.createDirectories(many.resolve("d" + d));
                for (int f = 0; f < 100; f++) {
                    Files.writeString(sub.resolve("f" + f + ".txt"), "x");
                }
            }
            byte[] block = new byte[1 << 20];
            Arrays.fill(block, (byte) 'b');
            try (OutputStream out = Files.newOutputStream(dir.resolve("data/big.bin"))) {
                for (int i = 0; i < 100; i++) {
                    out.write(block);
                }
            }
            figure("host: find over 10,000 files", hostMillis("find", many.toString()) + " ms");
            figure("host: cat of a 100 MB file", hostMillis("cat", dir.resolve("data/big.bin").toString()) + " ms");
        }
        Run find = berth(dir, name, "exec", "-T", "web", "sh", "-c", "exec 2>&1; time find /work/many >/dev/null; time find /work/many | wc -l");
        assertTrue(find.out().contains("10101"), "the container sees all 10,000 files and 101 folders: " + find);
        figure(sharing() + ": find over 10,000 files (first, cold)", seconds(find.out(), 0));
        figure(sharing() + ": find over 10,000 files (second)", seconds(find.out(), 1));
        Run cat = berth(dir, name, "exec", "-T", "web", "sh", "-c", "exec 2>&1; time cat /work/big.bin >/dev/null; time cat /work/big.bin >/dev/null");
        figure(sharing() + ": cat of a 100 MB file (first)", seconds(cat.out(), 0));
        figure(sharing() + ": cat of a 100 MB file (second)", seconds(cat.out(), 1));
    }

    /** The n-th "real XmY.YYs" of busybox time, in ms. */
    private static String seconds(String output, int index) {
        Matcher m = Pattern.compile("real\\s+(\\d+)m\\s*([\\d.]+)s").matcher(output);
        for (int i = 0; i <= index; i++) {
            if (!m.find()) {
                return "? (" + output.strip() + ")";
            }
        }
        return Math.round((Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2))) * 1000) + " ms";
    }

    private static long hostMillis(String... command) throws IOException, InterruptedException {
        long t = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
        return (System.nanoTime() - t) / 1_000_000;
    }

    private static String awaitHttp(int port, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < until) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                socket.setSoTimeout(5000);
                socket.getOutputStream().write("GET /index.html HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (answer.startsWith("HTTP/1.") && answer.contains(" 200 ")) {
                    return answer.substring(answer.indexOf("\r\n\r\n") + 4);
                }
                last = answer;
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("127.0.0.1:" + port + " did not answer HTTP 200 within " + timeout + ": " + last);
    }

    private static void awaitClosed(int port, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress("127.0.0.1", port));
                return; // nobody listens: the forward is gone
            } catch (IOException e) {
                Thread.sleep(250);
            }
        }
        throw new AssertionError("127.0.0.1:" + port + " is still forwarded after " + timeout);
    }

    private static String udp(int port, String message, Duration timeout) throws IOException {
        long until = System.nanoTime() + timeout.toNanos();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(2000);
            byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
            while (System.nanoTime() < until) {
                socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
                DatagramPacket answer = new DatagramPacket(new byte[512], 512);
                try {
                    socket.receive(answer);
                    return new String(answer.getData(), 0, answer.getLength(), StandardCharsets.US_ASCII);
                } catch (SocketTimeoutException e) {
                    // the echo may still be starting
                }
            }
        }
        throw new AssertionError("no UDP answer from 127.0.0.1:" + port + " within " + timeout);
    }

    private static void awaitFile(Path file, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            assertTrue(System.nanoTime() < until, file + " did not appear within " + timeout);
            Thread.sleep(200);
        }
    }

    private static void figure(String what, String value) {
        String load;
        try {
            load = Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            load = "?";
        }
        System.out.println("VM-FIGURE " + what + ": " + value + " (load " + load + ")");
    }
}
