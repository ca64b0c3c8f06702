package dev.berth.bridge.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code state.json}: what Berth last did with the instance. {@code pid} is non-zero while Berth believes the VM
 * runs; a pid whose process is gone then means the VM died without a stop. Written atomically.
 */
record InstanceState(long pid, long relayPid, int enginePort, String accelerator, String machine, String startedAt, String lastStop,
                     List<String> notes) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static InstanceState none() {
        return new InstanceState(0, 0, 0, null, null, null, null, List.of());
    }

    static InstanceState read(Path file) {
        if (!Files.isRegularFile(file)) {
            return none();
        }
        try {
            return JSON.readValue(Files.readString(file), InstanceState.class);
        } catch (IOException | JacksonException e) {
            return none(); // unreadable state is treated as "not running"; the pid file and QMP are checked anyway
        }
    }

    void write(Path file) {
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".new");
            Files.writeString(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    InstanceState stopped(String how) {
        return new InstanceState(0, 0, enginePort, accelerator, machine, startedAt, how, notes);
    }
}
