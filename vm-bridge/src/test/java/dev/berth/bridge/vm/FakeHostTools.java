package dev.berth.bridge.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A scripted machine: which programs are installed, what each command answers; records what ran. */
final class FakeHostTools implements HostTools {

    final Map<String, Path> programs = new HashMap<>();
    final Map<String, AcceleratorProbe.Runner.Outcome> answers = new HashMap<>();
    final List<List<String>> ran = new ArrayList<>();

    FakeHostTools install(String program, String path) {
        programs.put(program, Path.of(path));
        return this;
    }

    /** {@code command} is the arguments after the program, joined by spaces. */
    FakeHostTools answer(String command, int exit, String output) {
        answers.put(command, new AcceleratorProbe.Runner.Outcome(false, exit, output));
        return this;
    }

    FakeHostTools hang(String command) {
        answers.put(command, new AcceleratorProbe.Runner.Outcome(true, -1, ""));
        return this;
    }

    @Override
    public Optional<Path> find(String program) {
        return Optional.ofNullable(programs.get(program));
    }

    @Override
    public AcceleratorProbe.Runner.Outcome run(List<String> command, Duration timeout) throws IOException {
        ran.add(command);
        AcceleratorProbe.Runner.Outcome outcome = answers.get(String.join(" ", command.subList(1, command.size())));
        if (outcome == null) {
            throw new IOException("no such command in the fake: " + command);
        }
        return outcome;
    }

    /** A string as wsl.exe writes it without WSL_UTF8: UTF-16LE, read back as UTF-8 by the process runner. */
    static String utf16(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.UTF_8);
    }
}
