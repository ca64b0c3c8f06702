package dev.berth.app.gui.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretNamesTest {

    @Test
    void namesThatLookSecret() {
        assertThat(List.of("POSTGRES_PASSWORD", "MYSQL_ROOT_PASSWD", "GITHUB_TOKEN", "client_secret", "AWS_SECRET_ACCESS_KEY", "API_KEY",
                "APIKEY", "apiKey", "private-key", "STRIPE_KEY", "GOOGLE_APPLICATION_CREDENTIALS", "mysqlpassword"))
                .allMatch(SecretNames::isSecret);
        assertThat(List.of("PATH", "HOME", "PWD", "MONKEY", "KEYBOARD_LAYOUT", "HOSTNAME", "NGINX_PORT", "SHOP_ENV"))
                .noneMatch(SecretNames::isSecret);
    }

    @Test
    void anEnvEntryKeepsItsNameAndLosesItsValue() {
        assertThat(SecretNames.maskEnvEntry("DB_PASSWORD=hunter2")).isEqualTo("DB_PASSWORD=••••••");
        assertThat(SecretNames.maskEnvEntry("DB_PASSWORD=")).isEqualTo("DB_PASSWORD=••••••");
        assertThat(SecretNames.maskEnvEntry("PATH=/usr/bin")).isEqualTo("PATH=/usr/bin");
        assertThat(SecretNames.maskEnvEntry("=odd")).isEqualTo("=odd");
    }

    @Test
    void onlyEnvEntriesAreMaskedInAnInspectTree() {
        InspectNode root = InspectNode.of("c", Map.of("Config", Map.of("Env", List.of("API_KEY=abc", "PATH=/bin")),
                "Name", "TOKEN=not-an-env-entry"));
        InspectNode env = root.children().stream().filter(n -> n.key().equals("Config")).findFirst().orElseThrow().children().getFirst();
        assertThat(env.children()).extracting(n -> n.shown(false)).containsExactly("API_KEY=••••••", "PATH=/bin");
        assertThat(env.children()).extracting(n -> n.shown(true)).containsExactly("API_KEY=abc", "PATH=/bin");
        assertThat(root.children().stream().filter(n -> n.key().equals("Name")).findFirst().orElseThrow().isSecret()).isFalse();
    }
}
