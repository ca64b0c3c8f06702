package dev.berth.app.gui.inspect;

import java.util.Locale;
import java.util.Set;

/**
 * Which environment values the GUI masks (docs/DECISIONS.md, "Secret values in the GUI"): a variable whose name
 * holds PASSWORD, PASSWD, SECRET, TOKEN or CREDENTIAL anywhere ({@code POSTGRES_PASSWORD}, {@code GITHUB_TOKEN},
 * {@code MYSQLPASSWORD}), or the word KEY ({@code API_KEY}, {@code AWS_SECRET_ACCESS_KEY}, {@code APIKEY},
 * {@code private-key}) — a word, so {@code MONKEY} and {@code KEYBOARD_LAYOUT} stay visible. Case does not
 * matter. Over-masking a harmless value costs a click; under-masking shows a secret on a shared screen.
 */
public final class SecretNames {

    /** The mask shown in place of a value: fixed length, so it does not tell the value's length either. */
    public static final String MASK = "••••••";

    private static final Set<String> ANYWHERE = Set.of("PASSWORD", "PASSWD", "SECRET", "TOKEN", "CREDENTIAL");
    private static final Set<String> WORDS = Set.of("KEY", "APIKEY", "PRIVATEKEY", "ACCESSKEY");

    private SecretNames() {}

    public static boolean isSecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (String part : ANYWHERE) {
            if (upper.contains(part)) {
                return true;
            }
        }
        // camelCase words too: apiKey, privateKey
        for (String word : name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT).split("[^A-Z0-9]+")) {
            if (WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An {@code Env} entry ({@code NAME=value}) with its value masked when the name looks secret, else unchanged;
     * the name stays, so the user sees which variable is set.
     */
    public static String maskEnvEntry(String entry) {
        int equals = entry.indexOf('=');
        if (equals <= 0 || !isSecret(entry.substring(0, equals))) {
            return entry;
        }
        return entry.substring(0, equals + 1) + MASK;
    }
}
