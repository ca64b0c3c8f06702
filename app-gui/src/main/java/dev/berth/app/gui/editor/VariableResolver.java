package dev.berth.app.gui.editor;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains an interpolation under the mouse: {@code ${TAG:-latest}} → "TAG = 1.36 (from .env:2)".
 * The process environment wins over env files, as in the loader; the line in the env file is found
 * by its {@code NAME=} assignment.
 */
public final class VariableResolver {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\\}?");

    /** An env file's path and current text (an open tab's unsaved text, or the disk's). */
    public record EnvSource(Path file, String text) {}

    private final Map<String, String> processEnvironment;
    private final List<EnvSource> envFiles;

    public VariableResolver(Map<String, String> processEnvironment, List<EnvSource> envFiles) {
        this.processEnvironment = processEnvironment;
        this.envFiles = envFiles;
    }

    /** A sentence about the interpolation {@code reference} (e.g. {@code ${TAG:-latest}}), or empty when it is none. */
    public Optional<String> describe(String reference) {
        Matcher m = REFERENCE.matcher(reference);
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = m.group(1);
        String operator = m.group(2);
        String fallback = m.group(3);
        if (processEnvironment.containsKey(name)) {
            return Optional.of(name + " = " + quote(processEnvironment.get(name)) + "  (from the process environment)");
        }
        // Later env files win: look from the last one back.
        for (int k = envFiles.size() - 1; k >= 0; k--) {
            EnvSource source = envFiles.get(k);
            String[] lines = source.text().split("\n", -1);
            for (int i = lines.length - 1; i >= 0; i--) {
                String line = lines[i].strip();
                if (line.startsWith("export ")) {
                    line = line.substring(7).strip();
                }
                if (line.startsWith(name + "=")) {
                    String value = unquote(line.substring(name.length() + 1).replaceAll("\\s+#.*$", ""));
                    return Optional.of(name + " = " + quote(value) + "  (from " + source.file().getFileName() + ":" + (i + 1) + ")");
                }
            }
        }
        if (operator != null && operator.endsWith("-")) {
            return Optional.of(name + " is not set: the default " + quote(fallback) + " is used");
        }
        if (operator != null && operator.endsWith("?")) {
            return Optional.of(name + " is not set: loading fails with \"" + fallback + "\"");
        }
        return Optional.of(name + " is not set: an empty string is used (with a warning)");
    }

    private static String quote(String value) {
        return "'" + value + "'";
    }

    private static String unquote(String value) {
        String v = value.strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
