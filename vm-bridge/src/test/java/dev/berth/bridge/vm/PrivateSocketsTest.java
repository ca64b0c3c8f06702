package dev.berth.bridge.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.testkit.TlsEngineProxy;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 11 of the reliability campaign (docs/RELIABILITY.md), listeners and sockets: the real code, in JVMs of its
 * own under {@code umask 000} (the widest a user can have) and {@code strace}, makes an instance's folder and
 * client key, and the real {@link RelayMain} binds the engine socket and relays it over mutual TLS (the instance's
 * own certificates) to an engine stand-in. Asserted from the syscalls, not only from the end state: every folder is
 * {@code mkdir}ed 0700 and every key file opened 0600 at creation; the engine socket's name is bound only by
 * {@code rename} of a socket already narrowed to 0600; and the relay process listens on no TCP address at all
 * ({@code /proc/PID/net/tcp{,6}} matched with the process's own socket inodes, and {@code ss -ltnp}).
 */
class PrivateSocketsTest {

    private static final Path STRACE = Path.of("/usr/bin/strace");

    @TempDir
    Path tmp;

    private final List<Process> started = new ArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Process process : started) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Test
    void theInstanceFolderTheKeyAndTheEngineSocketAreNeverWiderThanTheUser() throws Exception {
        assumeTrue(Files.isExecutable(STRACE), "strace is not installed");
        Path dir = tmp.resolve("state/vm/probe");
        Path serverDir = tmp.resolve("server");
        Path probeTrace = tmp.resolve("probe.trace");
        Process probe = java(probeTrace, PrivatePathsProbe.class.getName(), dir.toString(), serverDir.toString());
        assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(Files.readString(tmp.resolve("probe.trace.out"))).isZero();

        List<String> calls = Files.readAllLines(probeTrace).stream().filter(line -> line.contains(tmp.resolve("state").toString())).toList();
        List<String> mkdirs = calls.stream().filter(line -> line.matches(".*\\bmkdir(at)?\\(.*")).toList();
        assertThat(mkdirs).as("the instance folder, its parents and tls/ are made").hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(line -> assertThat(line).as("mkdir'ed 0700").contains("0700)"));
        for (String name : List.of("ca.pem", "cert.pem", "key.pem")) {
            String created = calls.stream().filter(line -> line.contains("/tls/" + name + "\"") && line.contains("O_CREAT")).findFirst().orElseThrow();
            assertThat(created).as(name + " is created 0600, not narrowed afterwards").contains("O_EXCL").contains("0600)");
        }
        for (Path folder : List.of(tmp.resolve("state"), tmp.resolve("state/vm"), dir, dir.resolve("tls"))) {
            assertThat(mode(folder)).as(folder.toString()).isEqualTo("rwx------");
        }
        assertThat(mode(dir.resolve("tls/key.pem"))).isEqualTo("rw-------");

        // The engine stand-in behind a TLS endpoint that takes only the instance's client certificate, as the guest's dockerd.
        Path engineSocket = tmp.resolve("engine.sock");
        ServerSocketChannel engine = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        engine.bind(UnixDomainSocketAddress.of(engineSocket));
        open.add(engine);
        Thread.ofVirtual().start(() -> answerOk(engine));
        TlsEngineProxy tls = TlsEngineProxy.start(serverContext(serverDir), engineSocket);
        open.add(tls);

        Process qemu = new ProcessBuilder("sleep", "300").start(); // the relay lives as long as "QEMU" does
        started.add(qemu);
        Path relayTrace = tmp.resolve("relay.trace");
        Process relay = java(relayTrace, RelayMain.class.getName(), dir.toString(), String.valueOf(tls.port()), String.valueOf(qemu.pid()));
        Path socket = new VmLayout("probe", dir).engineSocket();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            assertThat(relay.isAlive() && System.nanoTime() < deadline).as(Files.readString(tmp.resolve("relay.trace.out"))).isTrue();
            Thread.sleep(100);
        }
        assertThat(mode(socket)).isEqualTo("rw-------");
        assertThat(Files.getOwner(socket)).isEqualTo(Files.getOwner(tmp));
        assertThat(get(socket, "/_ping")).as("the relay relays, over the instance's mutual TLS").endsWith("OK");
        assertThat(tls.handshakes()).isPositive();

        long pid = relayPid(relay);
        List<String> listeners = tcpListeners(pid);
        System.out.println("fault 11: relay pid " + pid + " TCP listeners: " + listeners);
        assertThat(listeners).as("the relay listens on no TCP address (its engine is the unix socket)").isEmpty();
        Process ss = new ProcessBuilder("ss", "-ltnp").redirectErrorStream(true).start();
        String ssOut = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ssOut.lines().filter(line -> line.contains("pid=" + pid + ",")).toList()).as("ss -ltnp").isEmpty();

        qemu.destroy();
        assertThat(relay.waitFor(30, TimeUnit.SECONDS)).as("the relay ends with its VM").isTrue();
        assertThat(socket).as("and removes its socket").doesNotExist();

        String trace = Files.readString(relayTrace);
        List<String> binds = trace.lines().filter(line -> line.contains("bind(") && line.contains("AF_UNIX")).toList();
        assertThat(binds).as("the socket is bound once").hasSize(1);
        assertThat(binds.getFirst()).as("under a temporary name, not the one clients connect to").doesNotContain("\"" + socket + "\"");
        assertThat(trace.lines().filter(line -> line.matches(".*\\brename(at2?)?\\(.*") && line.contains(socket.toString())).toList())
                .as("then renamed into place").hasSize(1);
        int chmod = indexOf(trace, "chmod", "0600");
        int rename = indexOf(trace, "rename", socket.toString());
        assertThat(chmod).as("narrowed to 0600 before it gets its name").isPositive().isLessThan(rename);
    }

    /** {@code sh -c 'umask 000; exec strace … java -cp … MAIN ARGS'}: strace's trace in {@code trace}, output beside it. */
    private Process java(Path trace, String main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(STRACE.toString(), "-f", "-qq", "-o", trace.toString(), "-e",
                "trace=mkdir,mkdirat,openat,bind,chmod,fchmodat,fchmod,rename,renameat,renameat2",
                ProcessHandle.current().info().command().orElseThrow(), "-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        StringBuilder shell = new StringBuilder("umask 000; exec");
        for (String word : command) {
            shell.append(" '").append(word.replace("'", "'\\''")).append('\'');
        }
        Process process = new ProcessBuilder("sh", "-c", shell.toString()).redirectErrorStream(true)
                .redirectOutput(trace.resolveSibling(trace.getFileName() + ".out").toFile()).start();
        started.add(process);
        return process;
    }

    /** The Java process under strace: the relay writes its own pid file. */
    private long relayPid(Process relay) throws Exception {
        Path pidFile = tmp.resolve("state/vm/probe/relay.pid");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
            assertThat(System.nanoTime() < deadline).isTrue();
            Thread.sleep(100);
        }
        return Long.parseLong(Files.readString(pidFile).strip());
    }

    /** "address:port" of every TCP socket in LISTEN state (0A) that the process holds, from its own fd table. */
    static List<String> tcpListeners(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    Matcher socket = Pattern.compile("socket:\\[(\\d+)]").matcher(Files.readSymbolicLink(fd).toString());
                    if (socket.matches()) {
                        inodes.add(socket.group(1));
                    }
                } catch (IOException gone) {
                    // closed meanwhile
                }
            }
        }
        assertThat(inodes).as("the relay holds sockets (its unix listener at least)").isNotEmpty();
        List<String> listeners = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "net", table))) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length > 9 && fields[3].equals("0A") && inodes.contains(fields[9])) {
                    listeners.add(table + " " + fields[1]);
                }
            }
        }
        return listeners;
    }

    private static int indexOf(String trace, String call, String needle) {
        List<String> lines = trace.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(call) && lines.get(i).contains(needle) && lines.get(i).contains(".docker.sock.")) {
                return i + 1;
            }
        }
        return -1;
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    /** One plain-HTTP request on a unix socket, the way a docker client speaks to the relay. */
    private static String get(Path socket, String target) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(("GET " + target + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            StringBuilder text = new StringBuilder();
            while (channel.read(buffer) > 0) {
                buffer.flip();
                text.append(StandardCharsets.US_ASCII.decode(buffer));
                buffer.clear();
            }
            return text.toString().strip();
        }
    }

    /** Answers every request with 200 "OK" and closes: enough to show a request went through the relay. */
    private static void answerOk(ServerSocketChannel server) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                ByteBuffer buffer = ByteBuffer.allocate(8192);
                StringBuilder head = new StringBuilder();
                while (!head.toString().contains("\r\n\r\n") && client.read(buffer) > 0) {
                    buffer.flip();
                    head.append(StandardCharsets.US_ASCII.decode(buffer));
                    buffer.clear();
                }
                client.write(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nOK"
                        .getBytes(StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** The guest dockerd's side: the instance's server certificate, trusting only client certificates of its CA. */
    private static SSLContext serverContext(Path serverDir) throws Exception {
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        Certificate server = x509.generateCertificate(Files.newInputStream(serverDir.resolve("server.pem")));
        Certificate ca = x509.generateCertificate(Files.newInputStream(serverDir.resolve("ca.pem")));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", privateKey(Files.readString(serverDir.resolve("server-key.pem"))), new char[0], new Certificate[] {server, ca});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", ca);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static PrivateKey privateKey(String pem) throws IOException {
        try (Reader reader = new StringReader(pem); PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            return object instanceof PEMKeyPair pair ? converter.getKeyPair(pair).getPrivate() : converter.getPrivateKey((PrivateKeyInfo) object);
        }
    }
}
