package dev.berth.compose.load;

import dev.berth.compose.Diagnostics;
import dev.berth.compose.Location;
import dev.berth.compose.tree.ListNode;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.ScalarNode;
import dev.berth.compose.tree.TreePath;
import java.util.Arrays;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Port short syntax {@code [HOST_IP:][PUBLISHED[-END]:]TARGET[-END][/PROTOCOL]} to the long form
 * {@code {target, published, host_ip, protocol, mode}}, accepting and refusing exactly what docker
 * compose does (compose-go's {@code types.ParsePortConfig} over go-connections' {@code nat.ParsePortSpec}):
 * the host IP must be an IP address ({@code [::1]} in brackets), ports are 0–65535, the protocol is
 * tcp, udp or sctp (any case), a range of targets needs a range of published ports of the same size and
 * becomes one entry per port, a single target with a published range keeps the range as its
 * {@code published} string. Entries of one spec are ordered by their {@code port/protocol} text, as
 * docker compose orders them. Long entries get the defaults tcp/ingress.
 */
final class Ports {

    private Ports() {}

    static ListNode canonicalize(ListNode ports, String path, Diagnostics diagnostics) {
        ListNode out = new ListNode(ports.location());
        for (int i = 0; i < ports.size(); i++) {
            Node item = ports.get(i);
            String itemPath = TreePath.index(path, i);
            if (item instanceof MapNode long_) {
                if (long_.get("published") instanceof ScalarNode p && p.value() != null && !(p.value() instanceof String)) {
                    p.setValue(p.asString());
                }
                if (!long_.has("protocol")) {
                    long_.put("protocol", ScalarNode.of(long_.location(), "tcp"));
                }
                if (!long_.has("mode")) {
                    long_.put("mode", ScalarNode.of(long_.location(), "ingress"));
                }
                out.add(long_);
            } else if (item instanceof ScalarNode s && s.value() != null) {
                parse(s.asString(), s.location(), itemPath, out, diagnostics);
            }
        }
        return out;
    }

    private static void parse(String spec, Location at, String path, ListNode out, Diagnostics diagnostics) {
        // HOST_IP:PUBLISHED:TARGET, split on the last two colons (an IPv6 host keeps its own).
        String[] parts = spec.split(":", -1);
        int n = parts.length;
        String rawIp = n >= 3 ? String.join(":", Arrays.copyOf(parts, n - 2)) : "";
        String published = n >= 2 ? parts[n - 2] : "";
        String container = parts[n - 1];
        String protocol = "";
        String[] protoParts = container.split("/", -1);
        if (!container.isEmpty() && !protoParts[0].isEmpty()) {
            protocol = protoParts.length == 1 || protoParts[1].isEmpty() ? "tcp" : protoParts[1];
            container = protoParts[0];
        } else {
            container = "";
        }
        String ip = rawIp;
        if (rawIp.startsWith("[")) {
            if (!rawIp.endsWith("]")) {
                invalid(spec, at, path, diagnostics, "Invalid ip address " + rawIp + ": missing ']' in address");
                return;
            }
            ip = rawIp.substring(1, rawIp.length() - 1);
        } else if (rawIp.indexOf(':') >= 0) {
            invalid(spec, at, path, diagnostics, "Invalid ip address " + rawIp + ": too many colons in address");
            return;
        }
        if (!ip.isEmpty() && !IpAddresses.isIp(ip)) {
            invalid(spec, at, path, diagnostics, "Invalid ip address: " + ip);
            return;
        }
        if (container.isEmpty()) {
            invalid(spec, at, path, diagnostics, "No port specified: " + spec + "<empty>");
            return;
        }
        int[] targets = range(container);
        if (targets == null) {
            invalid(spec, at, path, diagnostics, "Invalid containerPort: " + container);
            return;
        }
        int[] hosts = null;
        if (!published.isEmpty()) {
            hosts = range(published);
            if (hosts == null) {
                invalid(spec, at, path, diagnostics, "Invalid hostPort: " + published);
                return;
            }
            if (targets[1] - targets[0] != hosts[1] - hosts[0] && targets[0] != targets[1]) {
                invalid(spec, at, path, diagnostics, "Invalid ranges specified for container and host Ports: "
                        + container + " and " + published);
                return;
            }
        }
        String proto = protocol.toLowerCase(Locale.ROOT);
        if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
            invalid(spec, at, path, diagnostics, "Invalid proto: " + protocol);
            return;
        }
        int count = targets[1] - targets[0] + 1;
        TreeMap<String, MapNode> ordered = new TreeMap<>();
        for (int k = 0; k < count; k++) {
            MapNode port = new MapNode(at);
            port.put("mode", ScalarNode.of(at, "ingress"));
            if (!ip.isEmpty()) {
                port.put("host_ip", ScalarNode.of(at, ip));
            }
            port.put("target", ScalarNode.of(at, (long) (targets[0] + k)));
            if (hosts != null) {
                String value = String.valueOf(hosts[0] + k);
                if (count == 1 && hosts[0] != hosts[1]) {
                    value = value + "-" + hosts[1];
                }
                port.put("published", ScalarNode.of(at, value));
            }
            port.put("protocol", ScalarNode.of(at, proto));
            ordered.put((targets[0] + k) + "/" + proto, port);
        }
        ordered.values().forEach(out::add);
    }

    /** go-connections' ParsePortRange: N or N-M (M >= N), each an unsigned 16-bit decimal. */
    private static int[] range(String text) {
        int dash = text.indexOf('-');
        if (dash < 0) {
            int p = port(text);
            return p < 0 ? null : new int[] {p, p};
        }
        String[] bounds = text.split("-", -1);
        int a = port(bounds[0]);
        int b = port(bounds[1]);
        return a < 0 || b < 0 || b < a ? null : new int[] {a, b};
    }

    private static int port(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        int start = 0;
        while (start < text.length() - 1 && text.charAt(start) == '0') {
            start++;
        }
        if (text.length() - start > 5) {
            return -1;
        }
        int p = Integer.parseInt(text, start, text.length(), 10);
        return p > 65535 ? -1 : p;
    }

    private static void invalid(String spec, Location at, String path, Diagnostics diagnostics, String why) {
        diagnostics.error("port-syntax", path, at, TreePath.display(path) + ": invalid port \"" + spec + "\": " + why);
    }
}
