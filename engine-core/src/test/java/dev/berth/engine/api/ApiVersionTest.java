package dev.berth.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiVersionTest {

    @Test
    void ordersNumericallyNotAlphabetically() {
        assertThat(ApiVersion.parse("1.9")).isLessThan(ApiVersion.parse("1.41"));
        assertThat(ApiVersion.parse("1.41").isAtLeast(ApiVersion.MINIMUM)).isTrue();
        assertThat(ApiVersion.parse("1.40").isAtLeast(ApiVersion.MINIMUM)).isFalse();
    }

    @Test
    void negotiatesTheHighestVersionBothSidesSpeak() {
        assertThat(ApiVersion.negotiate(ApiVersion.parse("1.41"))).isEqualTo(ApiVersion.parse("1.41"));
        assertThat(ApiVersion.negotiate(ApiVersion.parse("1.51"))).isEqualTo(ApiVersion.CLIENT_MAXIMUM);
    }

    @Test
    void rejectsText() {
        assertThatThrownBy(() -> ApiVersion.parse("latest")).isInstanceOf(IllegalArgumentException.class);
    }
}
