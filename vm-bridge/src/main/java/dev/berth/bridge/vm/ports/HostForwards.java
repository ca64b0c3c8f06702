package dev.berth.bridge.vm.ports;

import java.io.IOException;

/** Where forwards are made: QEMU's user network ({@link QmpHostForwards}) in the product. */
public interface HostForwards {

    /** Opens the forward, or throws with the reason (for instance, the host port is taken). */
    void add(PortForward forward) throws IOException;

    void remove(PortForward forward) throws IOException;
}
