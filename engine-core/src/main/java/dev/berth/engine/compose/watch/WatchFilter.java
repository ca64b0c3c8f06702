package dev.berth.engine.compose.watch;

import dev.berth.compose.model.WatchRule;
import dev.berth.engine.build.DockerIgnore;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Which changes on the host count for one watch rule, as {@code docker compose watch} decides: the path must
 * be the rule's path or under it; never anything under {@code .git/}, nor an editor's temporary file
 * ({@code *~}, {@code .*.swp}/{@code .*.swx}, {@code #*#}, {@code .#*}, vim's {@code 4913} probe); not what
 * the build context's {@code .dockerignore} leaves out, nor the rule's {@code ignore} patterns (relative to
 * its path); and, when the rule has {@code include} patterns, only what one of them matches.
 */
public final class WatchFilter {

    private static final Pattern EDITOR_TEMP = Pattern.compile(".*~|\\..*\\.sw[px]|#.*#|\\.#.*|4913");

    private final Path root;
    private final Path context;
    private final DockerIgnore dockerIgnore;
    private final DockerIgnore ignore;
    private final DockerIgnore include;
    private final boolean hasInclude;

    /**
     * @param context the service's build context (for {@code .dockerignore}), or null when it builds nothing
     * @param dockerIgnore that context's {@code .dockerignore} rules
     */
    public WatchFilter(WatchRule rule, Path context, DockerIgnore dockerIgnore) {
        this.root = Path.of(rule.path()).toAbsolutePath().normalize();
        this.context = context == null ? null : context.toAbsolutePath().normalize();
        this.dockerIgnore = dockerIgnore == null ? DockerIgnore.none() : dockerIgnore;
        this.ignore = DockerIgnore.parse(rule.ignore());
        this.include = DockerIgnore.parse(rule.include());
        this.hasInclude = !rule.include().isEmpty();
    }

    public Path root() {
        return root;
    }

    /** Whether a change of {@code changed} (absolute) should be acted on for this rule. */
    public boolean accepts(Path changed) {
        Path path = changed.toAbsolutePath().normalize();
        if (!path.startsWith(root)) {
            return false;
        }
        for (Path part : path) {
            if (part.toString().equals(".git")) {
                return false;
            }
        }
        Path name = path.getFileName();
        if (name != null && EDITOR_TEMP.matcher(name.toString()).matches()) {
            return false;
        }
        if (context != null && path.startsWith(context) && !path.equals(context)
                && dockerIgnore.isIgnored(slashed(context.relativize(path)))) {
            return false;
        }
        String relative = slashed(root.relativize(path));
        if (relative.isEmpty()) {
            return true; // the rule's own path (a watched file)
        }
        if (ignore.isIgnored(relative)) {
            return false;
        }
        return !hasInclude || include.isIgnored(relative);
    }

    /** Where {@code changed} lands in the container: the rule's target plus the path below the rule's path. */
    public String containerPath(String target, Path changed) {
        String relative = slashed(root.relativize(changed.toAbsolutePath().normalize()));
        String base = target.endsWith("/") && target.length() > 1 ? target.substring(0, target.length() - 1) : target;
        return relative.isEmpty() ? base : base + "/" + relative;
    }

    private static String slashed(Path relative) {
        return relative.toString().replace('\\', '/');
    }
}
