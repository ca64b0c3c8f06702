package dev.berth.compose.load;

import dev.berth.compose.Diagnostics;
import dev.berth.compose.Location;
import dev.berth.compose.tree.ListNode;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.ScalarNode;
import dev.berth.compose.tree.TreePath;

/**
 * Port short syntax {@code [HOST_IP:][PUBLISHED[-END]:]TARGET[-END][/PROTOCOL]} to the long form
 * {@code {target, published, host_ip, protocol, mode}}. A range of targets becomes one entry per port;
 * {@code published} is a string (it may be a range). Long entries get the defaults tcp/ingress.
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
        String rest = spec.strip();
        String protocol = "tcp";
        int slash = rest.lastIndexOf('/');
        if (slash >= 0) {
            protocol = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        String hostIp = null;
        String published = null;
        String target;
        int lastColon = rest.lastIndexOf(':');
        if (lastColon < 0) {
            target = rest;
        } else {
            target = rest.substring(lastColon + 1);
            String front = rest.substring(0, lastColon);
            if (front.startsWith("[")) {
                int close = front.indexOf(']');
                if (close < 0) {
                    invalid(spec, at, path, diagnostics, "unterminated IPv6 address");
                    return;
                }
                hostIp = front.substring(1, close);
                String after = front.substring(close + 1);
                published = after.startsWith(":") ? after.substring(1) : after;
            } else {
                int colon = front.lastIndexOf(':');
                if (colon < 0) {
                    published = front;
                } else {
                    hostIp = front.substring(0, colon);
                    published = front.substring(colon + 1);
                }
            }
            if (published != null && published.isEmpty()) {
                published = null;
            }
        }
        int[] targets = range(target);
        int[] publishedRange = published == null ? null : range(published);
        if (targets == null || published != null && publishedRange == null) {
            invalid(spec, at, path, diagnostics, "port is not a number or a range");
            return;
        }
        int count = targets[1] - targets[0] + 1;
        if (publishedRange != null && count > 1 && publishedRange[1] - publishedRange[0] + 1 != count) {
            invalid(spec, at, path, diagnostics, "published and target ranges have different sizes");
            return;
        }
        for (int k = 0; k < count; k++) {
            MapNode port = new MapNode(at);
            port.put("mode", ScalarNode.of(at, "ingress"));
            if (hostIp != null && !hostIp.isEmpty()) {
                port.put("host_ip", ScalarNode.of(at, hostIp));
            }
            port.put("target", ScalarNode.of(at, (long) (targets[0] + k)));
            if (publishedRange != null) {
                String value = count > 1 ? String.valueOf(publishedRange[0] + k)
                        : publishedRange[0] == publishedRange[1] ? String.valueOf(publishedRange[0])
                        : publishedRange[0] + "-" + publishedRange[1];
                port.put("published", ScalarNode.of(at, value));
            }
            port.put("protocol", ScalarNode.of(at, protocol));
            out.add(port);
        }
    }

    private static int[] range(String text) {
        int dash = text.indexOf('-');
        try {
            if (dash < 0) {
                int p = Integer.parseInt(text);
                return p < 0 || p > 65535 ? null : new int[] {p, p};
            }
            int a = Integer.parseInt(text.substring(0, dash));
            int b = Integer.parseInt(text.substring(dash + 1));
            return a < 0 || b < a || b > 65535 ? null : new int[] {a, b};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void invalid(String spec, Location at, String path, Diagnostics diagnostics, String why) {
        diagnostics.error("port-syntax", path, at, "invalid port \"" + spec + "\" in " + TreePath.display(path) + ": " + why);
    }
}
