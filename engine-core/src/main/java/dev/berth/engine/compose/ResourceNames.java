package dev.berth.engine.compose;

/**
 * Names Compose v2 gives to the resources of a project. Networks and volumes are named by the model
 * ({@code <project>_<key>} unless external or given a {@code name:}); containers are named here.
 */
public final class ResourceNames {

    private ResourceNames() {}

    /** {@code <project>-<service>-<n>}, the Compose v2 container name (v1 used underscores). */
    public static String containerName(String project, String service, int number) {
        return project + "-" + service + "-" + number;
    }

    /** {@code <project>-<service>-run-<slug>}, the name of a one-off container of {@code run}. */
    public static String oneOffContainerName(String project, String service, String slug) {
        return project + "-" + service + "-run-" + slug;
    }

    /** The image a service with a {@code build:} section and no {@code image:} is tagged with. */
    public static String builtImageName(String project, String service) {
        return project + "-" + service;
    }
}
