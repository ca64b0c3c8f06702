package dev.berth.compose.yaml;

/**
 * Limits that keep hostile or broken YAML from exhausting memory or the stack. A real compose file is
 * far below all of them: the largest real-world file of our corpus nests 7 levels deep and uses no
 * alias at all.
 *
 * @param maxAliasesForCollections aliases to mappings/sequences per document (stops "billion laughs")
 * @param maxNestingDepth          mappings/sequences inside each other
 * @param codePointLimit           size of one file, in code points
 * @param maxNodes                 nodes after alias expansion, per file
 */
public record YamlLimits(int maxAliasesForCollections, int maxNestingDepth, int codePointLimit, int maxNodes) {

    public static final YamlLimits DEFAULT = new YamlLimits(100, 200, 8 * 1024 * 1024, 2_000_000);
}
