package dev.berth.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ProcessStartTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void theProcessStartedJustBeforeTheJvmDid() {
        // The test JVM is exec'd directly, so the process and the JVM start within a few tens of ms. The
        // boot-time arithmetic of ProcessHandle can be off by up to a second (0.77 s on the machine
        // where this was found).
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long processStart = ProcessStart.epochMillis();
        assertThat(processStart).isBetween(jvmStart - 250, jvmStart + 30);
    }
}
