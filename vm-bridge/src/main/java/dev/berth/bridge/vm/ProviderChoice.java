package dev.berth.bridge.vm;

import java.util.List;

/**
 * Which provider runs the engine VM on this host and why: {@code accelerator} is what it will use ({@code vz} for
 * Virtualization.framework, {@code wsl2}, or QEMU's {@code hvf}/{@code whpx}; on Linux {@code kvm|tcg}, probed at
 * start), {@code reasons} the sentences {@code berth vm status} shows (including why a preferred one was passed over).
 */
public record ProviderChoice(ProviderKind kind, String accelerator, List<String> reasons) {

    public ProviderChoice {
        reasons = List.copyOf(reasons);
    }
}
