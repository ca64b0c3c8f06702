package dev.berth.compose.load;

import dev.berth.compose.Diagnostics;
import dev.berth.compose.Location;
import dev.berth.compose.SourceFiles;
import dev.berth.compose.interpolation.DotEnv;
import dev.berth.compose.interpolation.DotEnvException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads env files and layers them under the process environment (process wins, later files win). */
final class EnvironmentFiles {

    private EnvironmentFiles() {}

    /**
     * @param files    files in order; missing ones are errors when {@code required}
     * @param outer    the environment that wins over the files (and that {@code ${X}} in them sees first)
     */
    static Map<String, String> layered(List<Path> files, boolean required, Map<String, String> outer, Diagnostics diagnostics,
                                          SourceFiles sources) {
        Map<String, String> fromFiles = new LinkedHashMap<>();
        for (Path file : files) {
            if (!sources.isRegularFile(file)) {
                if (required) {
                    diagnostics.error("env-file-missing", "", Location.ofFile(file), "env file " + file + " not found");
                }
                continue;
            }
            fromFiles.putAll(read(file, name -> outer.containsKey(name) ? outer.get(name) : fromFiles.get(name), diagnostics, sources));
        }
        Map<String, String> env = new LinkedHashMap<>(fromFiles);
        env.putAll(outer);
        return env;
    }

    static Map<String, String> read(Path file, Function<String, String> lookup, Diagnostics diagnostics, SourceFiles sources) {
        return read(file, null, Location.ofFile(file), lookup, diagnostics, sources);
    }

    /**
     * @param format {@code raw} (docker run's syntax, nothing expanded) or null / {@code dotenv}
     * @param namedAt where the file is named, for a format that does not exist
     */
    static Map<String, String> read(Path file, String format, Location namedAt, Function<String, String> lookup,
            Diagnostics diagnostics, SourceFiles sources) {
        if (format != null && !format.equals("dotenv") && !format.equals("raw")) {
            diagnostics.error("env-file-format", "", namedAt, "unsupported env_file format \"" + format + "\"");
            return Map.of();
        }
        try {
            return "raw".equals(format) ? DotEnv.parseRaw(sources.read(file), lookup) : DotEnv.parse(sources.read(file), lookup);
        } catch (DotEnvException e) {
            diagnostics.error("env-file-syntax", "", new Location(file, e.line(), e.column()),
                    "failed to read " + file + ": " + e.getMessage());
        } catch (IOException e) {
            diagnostics.error("env-file-unreadable", "", Location.ofFile(file), "cannot read " + file + ": " + e.getMessage());
        }
        return Map.of();
    }
}
