package dev.berth.bridge.vm;

import java.util.List;

/**
 * A profile's VM as {@code berth vm status} shows it ({@code --format json} prints this record as is).
 * {@code lastStop} says how the previous run ended: {@code clean}, {@code forced: …} or {@code crashed: …}.
 */
public record VmStatus(String profile, VmState state, long pid, String engineSocket, String context, String accelerator, String machine,
                       int enginePort, VmSettings settings, String startedAt, String lastStop, String detail, long dataDiskAllocatedBytes,
                       List<String> notes) {}
