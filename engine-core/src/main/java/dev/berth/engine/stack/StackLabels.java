package dev.berth.engine.stack;

/**
 * Every label a stack's objects carry. The two {@code com.docker.stack.*} ones are the docker CLI's, so
 * {@code docker stack ls/ps/rm} see Berth's stacks and Berth sees theirs; the {@code dev.berth.stack.*} ones are
 * Berth's own records for the next deploy's plan.
 */
public final class StackLabels {

    /** On services, containers, networks, volumes, secrets and configs: the stack's name. */
    public static final String NAMESPACE = "com.docker.stack.namespace";
    /** On services: the image as written in the file, before it was pinned to a digest. */
    public static final String IMAGE = "com.docker.stack.image";
    /** On services: the flattened spec Berth sent (JSON), so a re-deploy can say which fields changed. */
    public static final String SPEC_FIELDS = "dev.berth.stack.spec-fields";
    /** On secrets and configs: the SHA-256 of the content, so a re-deploy can tell a changed one (secrets are never read back). */
    public static final String CONTENT_HASH = "dev.berth.stack.content-sha256";

    private StackLabels() {}

    /** {@code <stack>_<name>}, the docker CLI's {@code namespace.Scope}. */
    public static String scoped(String stack, String name) {
        return stack + "_" + name;
    }
}
