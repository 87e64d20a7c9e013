package dev.reactorstudio.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionSettingsTest {

    @Test
    void defaultsMatchTheDesign() {
        SessionSettings settings = SessionSettings.defaults();

        assertThat(settings.fpsCap()).isEqualTo(30);
        assertThat(settings.orphanTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.queueDepth()).isPositive();
    }

    @Test
    void withersChangeOnlyTheirField() {
        SessionSettings settings = SessionSettings.defaults().withFpsCap(12).withQueueDepth(3)
                .withOrphanTimeout(Duration.ZERO).withStopGrace(Duration.ofMillis(200)).withDefaultSize(32, 16);

        assertThat(settings).isEqualTo(new SessionSettings(12, 3, Duration.ZERO, Duration.ofMillis(200), 32, 16));
    }

    @Test
    void nonsenseValuesAreRejected() {
        SessionSettings defaults = SessionSettings.defaults();

        assertThatThrownBy(() -> defaults.withFpsCap(0)).hasMessageContaining("fps");
        assertThatThrownBy(() -> defaults.withFpsCap(Double.NaN)).hasMessageContaining("fps");
        assertThatThrownBy(() -> defaults.withQueueDepth(0)).hasMessageContaining("queue depth");
        assertThatThrownBy(() -> defaults.withOrphanTimeout(Duration.ofSeconds(-1))).hasMessageContaining("orphan");
        assertThatThrownBy(() -> defaults.withStopGrace(null)).hasMessageContaining("stop grace");
        assertThatThrownBy(() -> defaults.withDefaultSize(0, 480)).hasMessageContaining("0x480");
    }
}
