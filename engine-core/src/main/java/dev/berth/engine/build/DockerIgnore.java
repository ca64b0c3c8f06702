package dev.berth.engine.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of a {@code .dockerignore}, with the docker CLI's semantics: patterns are Go
 * {@code filepath.Match} globs on slash-separated paths relative to the context, {@code **} matches any
 * number of directories, a leading {@code !} re-includes, and the last matching rule wins. A rule that
 * matches a directory excludes everything below it.
 */
public final class DockerIgnore {

    private record Rule(Pattern pattern, boolean exclusion, String text) {}

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    public static DockerIgnore none() {
        return new DockerIgnore(List.of());
    }

    /** Reads {@code .dockerignore} in the context directory; none if the file does not exist. */
    public static DockerIgnore of(Path contextDir) throws IOException {
        Path file = contextDir.resolve(".dockerignore");
        return Files.exists(file) ? parse(Files.readAllLines(file)) : none();
    }

    public static DockerIgnore parse(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exclusion = line.startsWith("!");
            if (exclusion) {
                line = line.substring(1).strip();
            }
            String cleaned = clean(line);
            if (cleaned.isEmpty() || cleaned.equals(".")) {
                continue;
            }
            rules.add(new Rule(Pattern.compile(toRegex(cleaned)), exclusion, cleaned));
        }
        return new DockerIgnore(List.copyOf(rules));
    }

    /** Whether {@code relativePath} (slash-separated, relative to the context) is left out of the context. */
    public boolean isIgnored(String relativePath) {
        boolean ignored = false;
        String path = clean(relativePath);
        for (Rule rule : rules) {
            if (matchesSelfOrParent(rule.pattern(), path)) {
                ignored = !rule.exclusion();
            }
        }
        return ignored;
    }

    private static boolean matchesSelfOrParent(Pattern pattern, String path) {
        if (pattern.matcher(path).matches()) {
            return true;
        }
        // a rule matching a parent directory covers everything below it
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            if (pattern.matcher(path.substring(0, slash)).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String clean(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return Path.of(p.isEmpty() ? "." : p).normalize().toString().replace('\\', '/');
    }

    /** Go filepath.Match plus {@code **}, as a Java regex. */
    static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        i++;
                        if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                            i++;
                            regex.append("(?:.*/)?"); // "**/" : zero or more directories
                        } else {
                            regex.append(".*");
                        }
                    } else {
                        regex.append("[^/]*");
                    }
                }
                case '?' -> regex.append("[^/]");
                case '[' -> {
                    int close = glob.indexOf(']', i + 1);
                    if (close < 0) {
                        regex.append("\\[");
                    } else {
                        String set = glob.substring(i + 1, close);
                        if (set.startsWith("^")) {
                            set = "!" + set.substring(1);
                        }
                        regex.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
                        i = close;
                    }
                }
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
