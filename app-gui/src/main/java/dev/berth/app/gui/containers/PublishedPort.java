package dev.berth.app.gui.containers;

/** A published port: {@code hostPort} on the host forwards to {@code containerPort}/{@code protocol}. */
public record PublishedPort(String hostIp, int hostPort, int containerPort, String protocol) {

    public PublishedPort {
        hostIp = hostIp == null || hostIp.isBlank() ? "0.0.0.0" : hostIp;
        protocol = protocol == null ? "tcp" : protocol;
    }

    /** What a browser can open: only TCP ports are links. */
    public boolean isWebLink() {
        return "tcp".equals(protocol) && hostPort > 0;
    }

    /** The URL a click opens: the host side on loopback, which works for 0.0.0.0 and 127.0.0.1 bindings. */
    public String url() {
        return "http://127.0.0.1:" + hostPort;
    }

    /** {@code 8080→80/tcp} */
    public String label() {
        return hostPort + "\u2192" + containerPort + ("tcp".equals(protocol) ? "" : "/" + protocol);
    }
}
