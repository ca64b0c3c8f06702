package dev.berth.app.faults;

import dev.berth.testkit.TestEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Issue 17 fault 7's hostile containers, and the engine's own bytes to compare Berth with. Each kind of
 * output runs twice, without a TTY (the engine multiplexes stdout/stderr in frames) and with one ({@code
 * tty: true}: the raw stream, {@code \r\n} line ends). Every script waits {@code delay} seconds first, so a
 * {@code logs -f} started right after {@code up} follows the output live.
 */
public final class HostileOutput {

    /** Service name (without the "-tty" twin) to its shell script. */
    static final Map<String, String> SCRIPTS = new LinkedHashMap<>();

    static {
        // (a) single 1 MiB lines, several; and one of 6 MiB that no line break ends (cut in 4 MiB pieces)
        SCRIPTS.put("long", "for i in 1 2 3; do head -c 1048576 /dev/zero | tr '\\\\0' L; echo \" end of long line $$i\"; done;"
                + " echo after the long lines");
        SCRIPTS.put("endless", "head -c 6291456 /dev/zero | tr '\\\\0' E; echo; echo after the endless line");
        // (b) binary output, no trailing line break
        SCRIPTS.put("binary", "head -c 1048576 /dev/urandom; echo; echo after the binary");
        // (c) invalid UTF-8: a lone continuation byte, a bad pair, an overlong '/', a UTF-16 surrogate, a cut
        // sequence at the line's end, Latin-1, then valid text
        SCRIPTS.put("invalid", "printf 'lone continuation \\\\200 here\\\\nbad lead \\\\303\\\\050 pair\\\\noverlong \\\\300\\\\257 slash\\\\n"
                + "surrogate \\\\355\\\\240\\\\200 half\\\\ntruncated at end \\\\342\\\\202\\\\ncaf\\\\351 latin-1\\\\n'; echo 'valid ✓ ünïcödé'");
        // (d) ANSI floods: 2,000 SGR codes per line, cursor moves, OSC title and hyperlink, unterminated
        // CSI and OSC at line ends; the line after them must show
        SCRIPTS.put("ansi", "awk 'BEGIN { for (l = 0; l < 200; l++) { s = \"\"; for (i = 0; i < 2000; i++)"
                + " s = s sprintf(\"\\\\033[%d;1m%d \", 30 + i % 8, i); print s \"\\\\033[0m end of flood line \" l } }';"
                + " printf '\\\\033[2J\\\\033[H\\\\033[10A\\\\033[5Ccursor moves\\\\n\\\\033]0;a window title\\\\007osc title\\\\n"
                + "\\\\033]8;;http://example.com\\\\033\\\\\\\\a link\\\\033]8;;\\\\033\\\\\\\\\\\\n';"
                + " printf 'unterminated csi \\\\033[31;\\\\n'; printf 'unterminated osc \\\\033]0;never ends\\\\n';"
                + " echo visible after the unterminated escapes");
        // (e) 100,000 lines in a burst
        SCRIPTS.put("burst", "seq 1 100000 | sed 's/^/burst line /'; echo end of the burst");
    }

    /**
     * One hostile container. The json-file log driver (the engine's default) stores lines as JSON strings,
     * which turns bytes that are not UTF-8 into U+FFFD before anyone reads them back; the {@code local}
     * driver keeps the bytes, so binary and invalid UTF-8 also run under it.
     */
    record Service(String name, String kind, boolean tty, boolean localDriver) {}

    static final List<Service> SERVICES = services();

    private static List<Service> services() {
        List<Service> services = new ArrayList<>();
        for (String kind : SCRIPTS.keySet()) {
            for (boolean local : kind.equals("binary") || kind.equals("invalid") ? new boolean[] {false, true} : new boolean[] {false}) {
                for (boolean tty : new boolean[] {false, true}) {
                    services.add(new Service(kind + (local ? "-local" : "") + (tty ? "-tty" : ""), kind, tty, local));
                }
            }
        }
        return List.copyOf(services);
    }

    private HostileOutput() {}

    /** A compose file with every hostile service; each exits when its output is written. */
    static String composeFile(String project, int delaySeconds) {
        return composeFile(project, SERVICES, service -> delaySeconds, "");
    }

    /** A compose file with {@code services}, each waiting {@code delay} seconds, then writing, then running {@code after}. */
    static String composeFile(String project, List<Service> services, ToIntFunction<Service> delay, String after) {
        StringBuilder yaml = new StringBuilder("name: " + project + "\nservices:\n");
        for (Service service : services) {
            yaml.append("  ").append(service.name()).append(":\n")
                    .append("    image: ").append(TestEngine.BUSYBOX_IMAGE).append('\n')
                    .append(service.tty() ? "    tty: true\n" : "")
                    .append(service.localDriver() ? "    logging: {driver: local}\n" : "")
                    .append("    command: [\"sh\", \"-c\", \"sleep ").append(delay.applyAsInt(service)).append("; ")
                    .append(SCRIPTS.get(service.kind()).replace("\"", "\\\"")).append(after).append("\"]\n");
        }
        return yaml.toString();
    }

    /**
     * The container's output as the engine gives it ({@code GET /containers/NAME/logs}), read over the
     * socket without any Berth code: the frames' payloads in order, or the raw stream of a TTY container.
     */
    static byte[] engineBytes(String container, boolean tty) {
        return engineBytes(container, tty, "");
    }

    /** {@link #engineBytes(String, boolean)} with more query parameters ({@code "&timestamps=1"}). */
    static byte[] engineBytes(String container, boolean tty, String query) {
        byte[] body = get("/containers/" + container + "/logs?stdout=1&stderr=1" + query);
        if (tty) {
            return body;
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream(body.length);
        for (int at = 0; at + 8 <= body.length;) {
            int size = ((body[at + 4] & 0xff) << 24) | ((body[at + 5] & 0xff) << 16) | ((body[at + 6] & 0xff) << 8) | (body[at + 7] & 0xff);
            payload.write(body, at + 8, size);
            at += 8 + size;
        }
        return payload.toByteArray();
    }

    /** Whether the container has exited (its inspect says so). */
    static boolean exited(String container) {
        return new String(get("/containers/" + container + "/json"), StandardCharsets.UTF_8).contains("\"Status\":\"exited\"");
    }

    /** One HTTP/1.0 GET on the engine's socket (no chunking: the body is all bytes until the engine closes). */
    private static byte[] get(String path) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(TestEngine.socket()));
            channel.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.0\r\nHost: engine\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            InputStream in = Channels.newInputStream(channel);
            byte[] response = in.readAllBytes();
            int headersEnd = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            if (headersEnd < 0 || !new String(response, 0, 12, StandardCharsets.US_ASCII).endsWith("200")) {
                throw new IllegalStateException("GET " + path + ": " + new String(response, 0, Math.min(200, response.length), StandardCharsets.UTF_8));
            }
            return Arrays.copyOfRange(response, headersEnd + 4, response.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] bytes, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= bytes.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (bytes[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
