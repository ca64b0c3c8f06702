package dev.berth.engine.api;

/** An Engine API version such as 1.41, ordered numerically (1.9 < 1.41). */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {

    /** The oldest engine API Berth supports: Docker 20.10 and Podman 4. */
    public static final ApiVersion MINIMUM = new ApiVersion(1, 41);

    /**
     * The newest API Berth speaks. Requests use the lower of this and the engine's version, so a newer
     * engine keeps the semantics the client was written and tested against.
     */
    public static final ApiVersion CLIENT_MAXIMUM = new ApiVersion(1, 43);

    public static ApiVersion parse(String text) {
        String trimmed = text.trim();
        int dot = trimmed.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("not an API version: '" + text + "'");
        }
        try {
            return new ApiVersion(Integer.parseInt(trimmed.substring(0, dot)), Integer.parseInt(trimmed.substring(dot + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an API version: '" + text + "'", e);
        }
    }

    /** The version to send to an engine that supports up to {@code engine}. */
    public static ApiVersion negotiate(ApiVersion engine) {
        return engine.compareTo(CLIENT_MAXIMUM) < 0 ? engine : CLIENT_MAXIMUM;
    }

    public boolean isAtLeast(ApiVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(ApiVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
