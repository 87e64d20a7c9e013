package dev.reactorstudio.studio.services;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoggerScopeTest {

    @Test
    void everyEngineLineLandsInExactlyOneServiceRow() {
        String[] loggers = {
            "dev.reactorstudio.runtime.coordinator.Coordinator",
            "dev.reactorstudio.runtime.livekit.LiveKitServer",
            "dev.reactorstudio.runtime.media.MediaEngine",
            "dev.onvoid.webrtc.PeerConnectionFactory",
            "dev.reactorstudio.runtime.host.ModelHost",
            "dev.reactorstudio.runtime.registry.WeightPuller",
            "dev.reactorstudio.studio.services.StudioServices",
        };
        String[] rows = {"coordinator", "media", "media", "media", "runtime", "runtime", "runtime"};
        for (int i = 0; i < loggers.length; i++) {
            String logger = loggers[i];
            assertThat(StudioServices.COORDINATOR_LOGS.contains(logger)).as(logger).isEqualTo(rows[i].equals("coordinator"));
            assertThat(StudioServices.MEDIA_LOGS.contains(logger)).as(logger).isEqualTo(rows[i].equals("media"));
            assertThat(StudioServices.RUNTIME_LOGS.contains(logger)).as(logger).isEqualTo(rows[i].equals("runtime"));
        }
    }

    @Test
    void aPrefixMeansAPackageNotAStringStart() {
        LoggerScope scope = LoggerScope.of("a.b");
        assertThat(scope.contains("a.b")).isTrue();
        assertThat(scope.contains("a.b.C")).isTrue();
        assertThat(scope.contains("a.bc.C")).isFalse();
        assertThat(LoggerScope.ALL.contains("anything.at.All")).isTrue();
    }
}
