package dev.berth.bridge.vm;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * vfkit's REST API on its unix socket ({@code --restful-uri unix://…}): {@code GET /vm/state} answers
 * {@code {"state": "VirtualMachineStateRunning", …}}; {@code POST /vm/state {"state": "HardStop"}} ends the VM at
 * once. HTTP/1.0, one request per connection: the answer ends when vfkit closes it.
 */
final class VfkitRest {

    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Za-z]+)\"");

    private VfkitRest() {}

    /** The VM's state word, e.g. {@code VirtualMachineStateRunning}. */
    static String state(Path socket) throws IOException {
        String body = exchange(socket, "GET /vm/state HTTP/1.0\r\nHost: vfkit\r\n\r\n");
        Matcher matcher = STATE.matcher(body);
        if (!matcher.find()) {
            throw new IOException("vfkit's /vm/state answer has no state: " + body);
        }
        return matcher.group(1);
    }

    /** Asks for a state change ({@code Stop}, {@code HardStop}). */
    static void change(Path socket, String state) throws IOException {
        String json = "{\"state\": \"" + state + "\"}";
        exchange(socket, "POST /vm/state HTTP/1.0\r\nHost: vfkit\r\nContent-Type: application/json\r\nContent-Length: "
                + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json);
    }

    static String exchange(Path socket, String request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
            String response = new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
            int statusEnd = response.indexOf("\r\n");
            String statusLine = statusEnd < 0 ? response : response.substring(0, statusEnd);
            if (!statusLine.matches("HTTP/1\\.[01] 2\\d\\d.*")) {
                throw new IOException("vfkit answered " + statusLine);
            }
            int body = response.indexOf("\r\n\r\n");
            return body < 0 ? "" : response.substring(body + 4);
        }
    }
}
