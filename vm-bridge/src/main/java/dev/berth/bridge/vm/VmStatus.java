package dev.berth.bridge.vm;

import java.util.List;

/**
 * A profile's VM as {@code berth vm status} shows it ({@code --format json} prints this record as is).
 * {@code lastStop} says how the previous run ended: {@code clean}, {@code forced: …} or {@code crashed: …}.
 * {@code provider} is {@code qemu}, {@code vfkit} or {@code wsl2}; {@code providerReasons} why this host got it.
 */
public record VmStatus(String profile, VmState state, long pid, String engineSocket, String context, String accelerator, String machine,
                       int enginePort, VmSettings settings, String startedAt, String lastStop, String detail, long dataDiskAllocatedBytes,
                       List<String> notes, String provider, List<String> providerReasons) {

    /** A QEMU VM's status (what it was before other providers). */
    public VmStatus(String profile, VmState state, long pid, String engineSocket, String context, String accelerator, String machine,
                    int enginePort, VmSettings settings, String startedAt, String lastStop, String detail, long dataDiskAllocatedBytes,
                    List<String> notes) {
        this(profile, state, pid, engineSocket, context, accelerator, machine, enginePort, settings, startedAt, lastStop, detail,
                dataDiskAllocatedBytes, notes, "qemu", List.of());
    }
}
