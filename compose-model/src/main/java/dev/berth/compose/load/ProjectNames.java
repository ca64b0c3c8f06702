package dev.berth.compose.load;

import java.util.Locale;
import java.util.regex.Pattern;

/** Project name rules of docker compose: lowercase letters, digits, '-' and '_', starting with a letter or digit. */
public final class ProjectNames {

    private static final Pattern VALID = Pattern.compile("^[a-z0-9][a-z0-9_-]*$");

    private ProjectNames() {}

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /** What a name written in a file or taken from a directory becomes: lower-cased, other characters dropped. */
    public static String normalize(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
                out.append(c);
            }
        }
        int start = 0;
        while (start < out.length() && (out.charAt(start) == '_' || out.charAt(start) == '-')) {
            start++;
        }
        return out.substring(start);
    }

    static String invalidMessage(String name) {
        return "invalid project name \"" + name + "\": must consist only of lowercase alphanumeric characters, hyphens, "
                + "and underscores as well as start with a letter or number";
    }
}
