package dev.berth.compose.model;

import java.util.List;
import java.util.Map;

/** How a service joins one network. */
public record ServiceNetwork(String network, List<String> aliases, String ipv4Address, String ipv6Address,
        List<String> linkLocalIps, String macAddress, Integer priority, Integer gwPriority, String interfaceName,
        Map<String, String> driverOpts) {}
