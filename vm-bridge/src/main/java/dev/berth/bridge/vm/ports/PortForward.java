package dev.berth.bridge.vm.ports;

/**
 * One published container port made to appear on the host: {@code hostIp:hostPort/protocol} on the host leads to
 * the same port on the guest (where the guest engine published it). The container and its compose service are
 * kept for reports: a port that cannot be forwarded is reported on the service that asked for it.
 */
public record PortForward(String protocol, String hostIp, int hostPort, String containerId, String container, String service) {

    /** What identifies a forward on the host: two containers cannot hold the same address and port. */
    public String key() {
        return hostIp + ":" + hostPort + "/" + protocol;
    }

    /** A compose service label, else the container's name: who is told about a failure. */
    public String owner() {
        return service == null || service.isBlank() ? "container " + container : "service " + service + " (container " + container + ")";
    }
}
