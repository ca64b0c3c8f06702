package dev.berth.compose.load;

/**
 * What Go's {@code net.ParseIP} accepts, without any name lookup: dotted-decimal IPv4 (four numbers
 * 0–255, no leading zeros) and IPv6 (hex groups, one {@code ::}, an IPv4 tail), no zone.
 */
final class IpAddresses {

    private IpAddresses() {}

    static boolean isIp(String s) {
        return s.indexOf(':') >= 0 ? isIpv6(s) : isIpv4(s);
    }

    static boolean isIpv4(String s) {
        int parts = 0;
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i < s.length() && s.charAt(i) != '.') {
                if (!Character.isDigit(s.charAt(i)) || s.charAt(i) > '9') {
                    return false;
                }
                continue;
            }
            int len = i - start;
            if (len == 0 || len > 3 || len > 1 && s.charAt(start) == '0') {
                return false;
            }
            if (Integer.parseInt(s, start, i, 10) > 255) {
                return false;
            }
            parts++;
            start = i + 1;
        }
        return parts == 4;
    }

    static boolean isIpv6(String s) {
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String head = doubleColon >= 0 ? s.substring(0, doubleColon) : s;
        String tail = doubleColon >= 0 ? s.substring(doubleColon + 2) : "";
        int groups = 0;
        for (String part : new String[] {head, tail}) {
            if (part.isEmpty()) {
                continue;
            }
            String[] words = part.split(":", -1);
            for (int i = 0; i < words.length; i++) {
                String w = words[i];
                boolean last = part == (tail.isEmpty() ? head : tail) && i == words.length - 1;
                if (last && w.indexOf('.') >= 0) {
                    if (!isIpv4(w)) {
                        return false;
                    }
                    groups += 2;
                    continue;
                }
                if (w.isEmpty() || w.length() > 4) {
                    return false;
                }
                for (int k = 0; k < w.length(); k++) {
                    if (Character.digit(w.charAt(k), 16) < 0) {
                        return false;
                    }
                }
                groups++;
            }
        }
        return doubleColon >= 0 ? groups < 8 : groups == 8;
    }
}
