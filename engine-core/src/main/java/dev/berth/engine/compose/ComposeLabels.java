package dev.berth.engine.compose;

/**
 * Every label key Berth reads or writes, in one place: the {@code com.docker.compose.*} ones, which are how
 * Berth, Compose v2 and docker-compose v1 recognise each other's containers, networks and volumes (a resource
 * belongs to a project if and only if it carries {@link #PROJECT}), and Berth's own {@code dev.berth.*} ones.
 * {@link ServiceContainer} reads a container's labels into fields; the {@code depends_on} value's format is
 * {@link ServiceContainer.DependsOn}'s.
 */
public final class ComposeLabels {

    private static final String PREFIX = "com.docker.compose.";

    public static final String PROJECT = PREFIX + "project";
    public static final String SERVICE = PREFIX + "service";
    public static final String CONTAINER_NUMBER = PREFIX + "container-number";
    public static final String ONEOFF = PREFIX + "oneoff";
    public static final String SLUG = PREFIX + "slug";
    public static final String CONFIG_HASH = PREFIX + "config-hash";
    public static final String IMAGE = PREFIX + "image";
    public static final String DEPENDS_ON = PREFIX + "depends_on";
    public static final String VERSION = PREFIX + "version";
    public static final String REPLACE = PREFIX + "replace";
    public static final String WORKING_DIR = PREFIX + "project.working_dir";
    public static final String CONFIG_FILES = PREFIX + "project.config_files";
    public static final String ENVIRONMENT_FILE = PREFIX + "project.environment_file";
    public static final String NETWORK = PREFIX + "network";
    public static final String VOLUME = PREFIX + "volume";

    private static final String BERTH_PREFIX = "dev.berth.";

    /** Berth's own: the flattened configuration at creation, so a later plan can name the changed fields. */
    public static final String BERTH_CONFIG_FIELDS = BERTH_PREFIX + "config-fields";
    /** Berth's own: marks a volume browser's helper container; the value is the volume it mounts. */
    public static final String BERTH_VOLUME_BROWSER = BERTH_PREFIX + "volume-browser";

    /** Compose v2 writes "True"/"False" for {@link #ONEOFF}; v1 wrote the same. */
    public static final String TRUE = "True";
    public static final String FALSE = "False";

    /** The Compose version Berth claims to be compatible with in {@link #VERSION}. */
    public static final String COMPATIBLE_VERSION = "2.29.0";

    private ComposeLabels() {}

    /** An engine list filter value selecting one project's resources: {@code label=com.docker.compose.project=NAME}. */
    public static String projectFilter(String project) {
        return PROJECT + "=" + project;
    }
}
