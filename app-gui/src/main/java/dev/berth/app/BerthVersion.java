package dev.berth.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Berth's own version, filtered into {@code berth-version.properties} by Maven at build time. */
public final class BerthVersion {

    private static final String VERSION = load();

    private BerthVersion() {}

    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = BerthVersion.class.getResourceAsStream("berth-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
