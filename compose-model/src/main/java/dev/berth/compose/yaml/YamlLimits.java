package dev.berth.compose.yaml;

/**
 * Limits that keep hostile or broken YAML from exhausting memory or the stack. A real compose file is
 * far below all of them: the largest real-world file of our corpus nests 7 levels deep and uses no
 * alias at all.
 *
 * <p>Aliases are limited by what they cost, not by how many there are: a file that merges one anchor
 * into 500 services is normal, a "billion laughs" document is not. Like go-yaml (which docker compose
 * uses), we refuse a document once the nodes copied by aliases exceed {@code aliasExpansionRatio}
 * times the nodes actually written, plus a small allowance.
 *
 * @param maxAliasesForCollections aliases to mappings/sequences per document
 * @param maxNestingDepth          mappings/sequences inside each other
 * @param codePointLimit           size of one file, in code points
 * @param maxNodes                 nodes after alias expansion, per file
 * @param aliasExpansionRatio      nodes copied by aliases per node written
 */
public record YamlLimits(int maxAliasesForCollections, int maxNestingDepth, int codePointLimit, int maxNodes,
        int aliasExpansionRatio) {

    /** Nodes aliases may copy regardless of the ratio (small files with a few big anchors). */
    public static final int ALIAS_ALLOWANCE = 10_000;

    public static final YamlLimits DEFAULT = new YamlLimits(10_000, 200, 8 * 1024 * 1024, 2_000_000, 10);
}
