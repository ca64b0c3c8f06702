package dev.berth.compose.load;

import dev.berth.compose.Diagnostics;
import dev.berth.compose.Location;
import dev.berth.compose.merge.OverrideMerger;
import dev.berth.compose.tree.MapNode;
import dev.berth.compose.tree.Node;
import dev.berth.compose.tree.TreePath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves {@code extends}: the parent service (same file or another, its relative paths already
 * resolved against its own directory) is copied and the child merged on top with the override rules.
 * Chains are followed; a cycle is reported with every step. Services the parent depends on are not
 * imported (consistency checks report them, as docker compose does).
 */
final class ExtendsResolver {

    private final Diagnostics diagnostics;
    /** Loads and processes another file for {@code extends.file}; null when it could not be loaded. */
    private final Function<Path, ComposeDocument> otherFiles;
    private final Set<String> resolved = new HashSet<>();
    /** Services on a cycle already reported, so the cycle is reported once, not once per member. */
    private final Set<String> onReportedCycle = new HashSet<>();

    ExtendsResolver(Diagnostics diagnostics, Function<Path, ComposeDocument> otherFiles) {
        this.diagnostics = diagnostics;
        this.otherFiles = otherFiles;
    }

    void resolveAll(ComposeDocument document) {
        MapNode services = document.root().getMap("services");
        if (services == null) {
            return;
        }
        for (String name : new ArrayList<>(services.keys())) {
            resolve(document, name, new ArrayList<>());
        }
    }

    private record Step(String service, Path file, Location at) {}

    /** Returns false when the service could not be resolved (an error was reported). */
    private boolean resolve(ComposeDocument document, String name, List<Step> chain) {
        MapNode services = document.root().getMap("services");
        if (!(services.get(name) instanceof MapNode service)) {
            return true;
        }
        String key = document.file() + "#" + name;
        if (resolved.contains(key) || !(service.get("extends") instanceof MapNode extendsNode)) {
            return true;
        }
        if (onReportedCycle.contains(key)) {
            return false;
        }
        Step here = new Step(name, document.file(), services.keyLocation(name));
        for (Step step : chain) {
            if (step.service().equals(name) && step.file().equals(document.file())) {
                reportCycle(chain, here);
                return false;
            }
        }
        String parentName = extendsNode.getString("service");
        String path = TreePath.child(TreePath.child("services", name), "extends");
        if (parentName == null) {
            diagnostics.error("extends-service", path, extendsNode.location(), "extends." + name + ".service is required");
            return false;
        }
        ComposeDocument parentDocument = document;
        String fileName = extendsNode.getString("file");
        if (fileName != null) {
            // Relative to the document's base directory, as compose-go's resource loader reads it: the project
            // directory of an -f file or of an include (its project_directory), the own directory of a file
            // reached through extends.
            Path other = document.baseDir().resolve(fileName).normalize();
            int errorsBefore = diagnostics.errorCount();
            parentDocument = other.equals(document.file()) ? document : otherFiles.apply(other);
            if (parentDocument == null) {
                if (diagnostics.errorCount() == errorsBefore) {
                    // At the line that names the file (the loader reports nothing for a file that is not there).
                    diagnostics.error("extends-file", path + ".file", extendsNode.get("file").location(),
                            "cannot extend service \"" + parentName + "\": open " + other + ": no such file or directory");
                }
                return false;
            }
        }
        MapNode parentServices = parentDocument.root().getMap("services");
        if (parentServices == null || !(parentServices.get(parentName) instanceof MapNode)) {
            diagnostics.error("extends-missing", path, extendsNode.get("service").location(), "cannot extend service \"" + parentName
                    + "\" in " + parentDocument.file() + ": service not found");
            return false;
        }
        List<Step> next = new ArrayList<>(chain);
        next.add(here);
        if (!resolve(parentDocument, parentName, next)) {
            return false;
        }
        MapNode parent = ((MapNode) parentServices.get(parentName)).copy();
        parent.remove("extends");
        MapNode child = service.copy();
        child.remove("extends");
        MapNode merged = OverrideMerger.mergeService(parent, child);
        services.replace(name, merged);
        resolved.add(key);
        return true;
    }

    private void reportCycle(List<Step> chain, Step back) {
        StringBuilder message = new StringBuilder("Circular reference: ");
        int start = 0;
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).service().equals(back.service()) && chain.get(i).file().equals(back.file())) {
                start = i;
            }
        }
        for (int i = start; i < chain.size(); i++) {
            Step s = chain.get(i);
            onReportedCycle.add(s.file() + "#" + s.service());
            message.append(i == start ? "" : " extends ").append(s.service()).append(" in ").append(s.file());
        }
        message.append(" extends ").append(back.service()).append(" in ").append(back.file());
        Step first = chain.get(start);
        diagnostics.error("extends-cycle", TreePath.child("services", first.service()), first.at(), message.toString());
    }

    static boolean hasExtends(Map.Entry<String, Node> entry) {
        return entry.getValue() instanceof MapNode m && m.has("extends");
    }
}
