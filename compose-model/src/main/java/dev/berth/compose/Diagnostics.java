package dev.berth.compose;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects diagnostics while a load runs. Phases report and go on wherever that makes sense, so the
 * user sees every problem at once, not only the first.
 */
public final class Diagnostics {

    private final List<Diagnostic> all = new ArrayList<>();

    public void add(Diagnostic diagnostic) {
        all.add(diagnostic);
    }

    public void error(String code, String path, Location location, String message) {
        add(Diagnostic.error(code, path, location, message));
    }

    public void warning(String code, String path, Location location, String message) {
        add(Diagnostic.warning(code, path, location, message));
    }

    public boolean hasErrors() {
        for (Diagnostic d : all) {
            if (d.isError()) {
                return true;
            }
        }
        return false;
    }

    public int errorCount() {
        int n = 0;
        for (Diagnostic d : all) {
            if (d.isError()) {
                n++;
            }
        }
        return n;
    }

    public List<Diagnostic> list() {
        return Collections.unmodifiableList(all);
    }
}
