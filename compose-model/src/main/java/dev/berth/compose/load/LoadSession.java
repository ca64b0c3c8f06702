package dev.berth.compose.load;

import dev.berth.compose.Diagnostic;
import dev.berth.compose.Diagnostics;
import dev.berth.compose.LoadResult;
import dev.berth.compose.Location;
import dev.berth.compose.ProjectOptions;
import dev.berth.compose.SourceFiles;
import dev.berth.compose.graph.ServiceGraph;
import dev.berth.compose.interpolation.InterpolationException;
import dev.berth.compose.interpolation.Template;
import dev.berth.compose.merge.OverrideMerger;
import dev.berth.compose.model.Project;
import dev.berth.compose.model.SourceMap;
import dev.berth.compose.tree.ListNode;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.ScalarNode;
import dev.berth.compose.tree.TreePath;
import dev.berth.compose.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of the loader: resolves the inputs (files, environment, project name), takes every document
 * through {@link DocumentPhases}, resolves {@code include} and {@code extends}, merges the files in
 * order, then normalises, checks consistency and binds the model. Not thread-safe; one per load.
 */
public final class LoadSession {

    private static final Path STDIN = Path.of("-");

    private final ProjectOptions options;
    private final Diagnostics diagnostics = new Diagnostics();
    private final YamlReader yaml = new YamlReader();
    private final DocumentPhases phases;
    /** Files loaded for {@code extends.file}, processed once per (file, environment). */
    private final Map<Path, ComposeDocument> extendedFiles = new HashMap<>();

    private final SourceFiles files;

    public LoadSession(ProjectOptions options) {
        this(options, SourceFiles.DISK);
    }

    public LoadSession(ProjectOptions options, SourceFiles files) {
        this.options = options;
        this.files = files;
        this.phases = new DocumentPhases(diagnostics, options.interpolate(), options.validateSchema(), files);
    }

    public LoadResult run() {
        try {
            return new LoadResult(load(), diagnostics.list());
        } catch (RuntimeException | StackOverflowError e) {
            // A bug must not take the caller down: report it like any other problem.
            diagnostics.error("internal", "", Location.UNKNOWN, "internal error while loading: " + e);
            return new LoadResult(Optional.empty(), diagnostics.list());
        }
    }

    private Optional<Project> load() {
        Path workingDir = options.workingDir();
        Path explicitProjectDir = options.projectDirectory() == null ? null
                : workingDir.resolve(options.projectDirectory()).normalize();
        List<Path> files = new ArrayList<>();
        for (Path f : options.composeFiles()) {
            files.add(f.equals(STDIN) ? STDIN : workingDir.resolve(f).normalize());
        }
        // docker compose v2 reads .env twice: first where it runs (--project-directory, else the first
        // -f file's directory, else the working directory), so that COMPOSE_FILE/COMPOSE_PROFILES may come
        // from there; then, once the files are known, the project directory's, whose values only add to
        // what is already set (the process environment and the first .env win).
        List<Path> envFiles = explicitEnvFiles();
        Path firstDir = explicitProjectDir != null ? explicitProjectDir
                : !files.isEmpty() && !files.get(0).equals(STDIN) ? files.get(0).getParent() : workingDir;
        Path firstDotEnv = envFiles.isEmpty() && dotEnvEnabled() ? firstDir.resolve(".env") : null;
        Map<String, String> env = envFiles.isEmpty()
                ? EnvironmentFiles.layered(firstDotEnv == null ? List.of() : List.of(firstDotEnv), false, options.environment(), diagnostics, this.files)
                : EnvironmentFiles.layered(envFiles, true, options.environment(), diagnostics, this.files);
        if (files.isEmpty()) {
            String composeFile = env.get("COMPOSE_FILE");
            // Relative COMPOSE_FILE entries are relative to the working directory, as Go's filepath.Abs makes them.
            files = composeFile != null && !composeFile.isBlank()
                    ? ProjectOptions.splitComposeFileVariable(composeFile, env.get("COMPOSE_PATH_SEPARATOR"), workingDir)
                    : ProjectOptions.discoverComposeFiles(explicitProjectDir != null ? explicitProjectDir : workingDir);
            if (files.isEmpty()) {
                Path lookedIn = explicitProjectDir != null ? explicitProjectDir : workingDir;
                diagnostics.error("no-compose-file", "", Location.ofFile(lookedIn),
                        "no configuration file provided: not found (looked for " + String.join(", ", ProjectOptions.DEFAULT_FILE_NAMES)
                                + " in " + lookedIn + " and its parents)");
                return Optional.empty();
            }
        }
        Path projectDir = explicitProjectDir != null ? explicitProjectDir
                : !files.get(0).equals(STDIN) ? files.get(0).getParent() : workingDir;
        if (firstDotEnv != null && !projectDir.resolve(".env").equals(firstDotEnv)) {
            Map<String, String> more = EnvironmentFiles.layered(List.of(projectDir.resolve(".env")), false, env, diagnostics, this.files);
            more.putAll(env);
            env = more;
        }
        if (diagnostics.hasErrors()) {
            return Optional.empty();
        }

        List<ComposeDocument> documents = new ArrayList<>();
        for (Path file : files) {
            readDocuments(file, projectDir, env, documents);
        }
        if (diagnostics.hasErrors()) {
            return Optional.empty();
        }
        if (documents.isEmpty()) {
            diagnostics.error("empty-file", "", new Location(files.get(0), 1, 1), "empty compose file");
            return Optional.empty();
        }

        String projectName = projectName(documents, env, projectDir, files.get(0));
        if (projectName == null) {
            return Optional.empty();
        }
        Map<String, String> projectEnv = new LinkedHashMap<>(env);
        projectEnv.put("COMPOSE_PROJECT_NAME", projectName);
        List<ComposeDocument> withEnv = new ArrayList<>();
        for (ComposeDocument d : documents) {
            withEnv.add(new ComposeDocument(d.file(), d.baseDir(), projectEnv, d.root()));
        }

        MapNode merged = null;
        for (ComposeDocument document : withEnv) {
            if (!processFully(document, new ArrayList<>(List.of(document.file())))) {
                continue;
            }
            merged = merged == null ? document.root() : OverrideMerger.merge(merged, document.root());
        }
        if (diagnostics.hasErrors() || merged == null) {
            return Optional.empty();
        }
        OverrideMerger.finish(merged);
        PathResolver.defaultBuildContexts(merged, projectDir);
        merged.remove("version");
        merged.remove("include");
        merged.remove("name");

        List<String> profiles = options.profiles().isEmpty()
                ? ProjectOptions.splitProfiles(projectEnv.get("COMPOSE_PROFILES")) : options.profiles();
        Normalizer.Result normalized = new Normalizer(diagnostics, projectName, projectEnv).normalize(merged, profiles);
        new ServiceEnvironments(diagnostics, this.files).resolve(merged.getMap("services"), projectEnv);
        if (options.checkConsistency()) {
            new ConsistencyChecker(diagnostics).check(merged, normalized.disabled());
        }
        if (diagnostics.hasErrors()) {
            return Optional.empty();
        }
        MapNode finalTree = merged;
        ProjectBinder binder = new ProjectBinder(diagnostics);
        Map<String, Object> extensions = ProjectBinder.extensions(merged);
        Map<String, Object> canonical = canonical(projectName, merged);
        Project project = new Project(projectName, projectDir,
                withEnv.stream().map(ComposeDocument::file).distinct().toList(), projectEnv,
                binder.services(merged.getMap("services")), binder.networkSpecs(merged.getMap("networks")),
                binder.volumeSpecs(merged.getMap("volumes")), binder.secretSpecs(merged.getMap("secrets")),
                binder.configSpecs(merged.getMap("configs")), binder.services(normalized.disabled()), extensions,
                canonical, new SourceMap(path -> SourceMaps.locate(finalTree, path)));
        ServiceGraph graph = ServiceGraph.of(project);
        for (List<String> cycle : graph.cycles()) {
            String first = cycle.get(0);
            diagnostics.error("dependency-cycle", TreePath.child(TreePath.child("services", first), "depends_on"),
                    project.locationOf("services." + first + ".depends_on"),
                    "dependency cycle detected: " + String.join(" -> ", cycle));
        }
        return diagnostics.hasErrors() ? Optional.empty() : Optional.of(project);
    }

    private Map<String, Object> canonical(String projectName, MapNode merged) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", projectName);
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) Immutables.plain(merged);
        out.putAll(tree);
        return Collections.unmodifiableMap(out);
    }

    /** {@code --env-file}s, else {@code COMPOSE_ENV_FILES} (comma separated) of the process environment. */
    private List<Path> explicitEnvFiles() {
        List<Path> named = new ArrayList<>(options.envFiles());
        String variable = options.environment().get("COMPOSE_ENV_FILES");
        if (named.isEmpty() && variable != null) {
            for (String part : variable.split(",")) {
                if (!part.isEmpty()) {
                    named.add(Path.of(part));
                }
            }
        }
        return named.stream().map(f -> options.workingDir().resolve(f).normalize()).toList();
    }

    /** {@code COMPOSE_DISABLE_ENV_FILE} (process environment) switches the default {@code .env} off. */
    private boolean dotEnvEnabled() {
        String v = options.environment().get("COMPOSE_DISABLE_ENV_FILE");
        return v == null || !(v.equals("1") || v.equalsIgnoreCase("true") || v.equals("t") || v.equals("T"));
    }

    private void readDocuments(Path file, Path baseDir, Map<String, String> env, List<ComposeDocument> into) {
        Path shown = file.equals(STDIN) ? options.workingDir().resolve("stdin") : file;
        String text;
        if (file.equals(STDIN)) {
            text = options.stdinContent() == null ? "" : options.stdinContent();
        } else {
            text = readText(file);
            if (text == null) {
                return;
            }
        }
        for (Node root : yaml.read(text, shown, diagnostics)) {
            if (root == null) {
                continue;
            }
            if (!(root instanceof MapNode map)) {
                diagnostics.error("top-level", "", root.location(), "top-level object must be a mapping");
                continue;
            }
            into.add(new ComposeDocument(shown, baseDir, env, map));
        }
    }

    private String readText(Path file) {
        if (!files.isRegularFile(file)) {
            // Compose's words for a missing file or a directory; a fifo or a device (-f /dev/zero) is never
            // opened: reading one could block for ever or never end.
            if (Files.isDirectory(file)) {
                diagnostics.error("file-unreadable", "", Location.ofFile(file), "read " + file + ": is a directory");
            } else if (Files.exists(file)) {
                diagnostics.error("file-unreadable", "", Location.ofFile(file), "cannot read " + file
                        + ": not a regular file (a pipe, socket or device); save the compose file to disk, or pipe it with -f -");
            } else {
                diagnostics.error("file-not-found", "", Location.ofFile(file), "open " + file + ": no such file or directory");
            }
            return null;
        }
        try {
            return files.read(file);
        } catch (AccessDeniedException e) {
            diagnostics.error("file-unreadable", "", Location.ofFile(file), "open " + file + ": permission denied");
            return null;
        } catch (IOException e) {
            diagnostics.error("file-unreadable", "", Location.ofFile(file), "cannot read " + file + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * -p and COMPOSE_PROJECT_NAME must already be valid; a {@code name:} from the files (the last one
     * wins, interpolated) or the directory name is normalised.
     */
    private String projectName(List<ComposeDocument> documents, Map<String, String> env, Path projectDir, Path firstFile) {
        String imperative = options.projectName() != null ? options.projectName() : env.get("COMPOSE_PROJECT_NAME");
        if (imperative != null && !imperative.isEmpty()) {
            if (!ProjectNames.isValid(imperative)) {
                diagnostics.error("project-name", "name", Location.ofFile(firstFile), ProjectNames.invalidMessage(imperative));
                return null;
            }
            return imperative;
        }
        String fromFiles = null;
        Location at = Location.UNKNOWN;
        for (ComposeDocument d : documents) {
            if (d.root().get("name") instanceof ScalarNode s && s.value() != null) {
                fromFiles = s.asString();
                at = s.location();
            }
        }
        if (fromFiles != null) {
            if (options.interpolate()) {
                try {
                    fromFiles = Template.expand(fromFiles, env::get, null);
                } catch (InterpolationException e) {
                    diagnostics.error("interpolation-format", "name", at, "invalid interpolation format for name: " + e.getMessage());
                    return null;
                }
            }
            String normalized = ProjectNames.normalize(fromFiles);
            if (!ProjectNames.isValid(normalized)) {
                diagnostics.error("project-name", "name", at, ProjectNames.invalidMessage(fromFiles));
                return null;
            }
            return normalized;
        }
        Path dirName = projectDir.getFileName();
        String normalized = ProjectNames.normalize(dirName == null ? "" : dirName.toString());
        if (!ProjectNames.isValid(normalized)) {
            diagnostics.error("project-name", "name", Location.ofFile(projectDir),
                    "project name must not be empty: set one with -p, COMPOSE_PROJECT_NAME or a top-level name");
            return null;
        }
        return normalized;
    }

    /** Per-document phases, then include, then extends. */
    private boolean processFully(ComposeDocument document, List<Path> includeChain) {
        warnObsoleteVersion(document);
        if (!phases.run(document)) {
            return false;
        }
        if (!new IncludeResolver(diagnostics, this::loadIncluded, files).apply(document, includeChain)) {
            return false;
        }
        int before = diagnostics.errorCount();
        new ExtendsResolver(diagnostics, file -> loadForExtends(file, document.environment())).resolveAll(document);
        return diagnostics.errorCount() == before;
    }

    private void warnObsoleteVersion(ComposeDocument document) {
        if (document.root().has("version")) {
            diagnostics.add(Diagnostic.warning("version-obsolete", "version", document.root().keyLocation("version"),
                    "the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion"));
        }
    }

    /** A file named by {@code extends.file}: its relative paths are relative to its own directory. */
    private ComposeDocument loadForExtends(Path file, Map<String, String> env) {
        if (extendedFiles.containsKey(file)) {
            return extendedFiles.get(file);
        }
        extendedFiles.put(file, null);
        if (!files.isRegularFile(file)) {
            return null; // reported by the extends resolver, at the line naming the file
        }
        String text = readText(file);
        if (text == null) {
            return null;
        }
        List<Node> roots = yaml.read(text, file, diagnostics);
        MapNode merged = null;
        for (Node root : roots) {
            if (root instanceof MapNode map) {
                ComposeDocument d = new ComposeDocument(file, file.getParent(), env, map);
                if (!phases.run(d)) {
                    return null;
                }
                merged = merged == null ? map : OverrideMerger.merge(merged, map);
            }
        }
        if (merged == null) {
            diagnostics.error("empty-file", "", new Location(file, 1, 1), "empty compose file");
            return null;
        }
        ComposeDocument document = new ComposeDocument(file, file.getParent(), env, merged);
        extendedFiles.put(file, document);
        new ExtendsResolver(diagnostics, f -> loadForExtends(f, env)).resolveAll(document);
        return document;
    }

    /** An included sub-project: its files merged, each fully processed with the include's environment. */
    private MapNode loadIncluded(IncludeResolver.Request request) {
        MapNode merged = null;
        for (Path file : request.files()) {
            String text = readText(file);
            if (text == null) {
                return null;
            }
            for (Node root : yaml.read(text, file, diagnostics)) {
                if (!(root instanceof MapNode map)) {
                    continue;
                }
                ComposeDocument d = new ComposeDocument(file, request.projectDirectory(), request.environment(), map);
                List<Path> chain = new ArrayList<>(request.chain());
                chain.add(file);
                if (!processFully(d, chain)) {
                    return null;
                }
                merged = merged == null ? map : OverrideMerger.merge(merged, map);
            }
        }
        if (merged != null) {
            OverrideMerger.finish(merged);
            PathResolver.defaultBuildContexts(merged, request.projectDirectory());
        }
        return merged;
    }

    static ListNode listOf(Node n) {
        return n instanceof ListNode l ? l : null;
    }
}
