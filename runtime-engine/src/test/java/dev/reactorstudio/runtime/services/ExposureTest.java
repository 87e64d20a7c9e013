package dev.reactorstudio.runtime.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reactorstudio.runtime.guard.OriginPolicy;
import dev.reactorstudio.runtime.guard.SecurityOptions;
import dev.reactorstudio.runtime.livekit.LiveKitCredentials;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a non-loopback bind changes, checked without binding anything. */
class ExposureTest {
    private final ServiceOptions local = ServiceOptions.defaults(Path.of("model"));
    private final ServiceOptions lan = local.withBindHost("0.0.0.0");
    private final SecurityOptions lanPage = SecurityOptions.defaults()
            .withOrigins(OriginPolicy.allowing(List.of("http://192.168.1.20:*")));

    @Test
    void loopbackNeedsNoSetup() {
        Exposure.check(local);
        assertThat(Exposure.credentials(local)).isEqualTo(LiveKitCredentials.DEV);
        assertThat(local.exposed()).isFalse();
    }

    @Test
    void aNetworkBindWithoutNamedPagesIsRefusedBeforeAnythingBinds() {
        assertThatThrownBy(() -> Exposure.check(lan)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--allow-origin http://PAGE-HOST:PORT");
        assertThatThrownBy(() -> ReactorServices.start(lan.withRuntimePort(0)))
                .hasMessageContaining("--allow-origin");
        Exposure.check(lan.withSecurity(lanPage));
    }

    @Test
    void theRuntimeApiStaysOnLoopbackUnlessAskedFor() {
        assertThat(lan.runtimeBindHost()).isEqualTo("127.0.0.1");
        assertThat(local.withBindHost("::1").runtimeBindHost()).isEqualTo("::1");
        assertThat(lan.withRuntimeHost("0.0.0.0").runtimeBindHost()).isEqualTo("0.0.0.0");
        assertThatThrownBy(() -> Exposure.check(local.withRuntimeHost("0.0.0.0")))
                .as("exposing only the runtime API needs named pages too").hasMessageContaining("--host 0.0.0.0");
    }

    @Test
    void theDevSecretIsReplacedByAGeneratedOneOnceReachableFromElsewhere() {
        LiveKitCredentials first = Exposure.credentials(lan.withSecurity(lanPage));
        LiveKitCredentials second = Exposure.credentials(lan.withSecurity(lanPage));
        assertThat(first.apiKey()).isEqualTo("devkey");
        assertThat(first.apiSecret()).isNotEqualTo("secret").hasSizeGreaterThanOrEqualTo(32);
        assertThat(second.apiSecret()).isNotEqualTo(first.apiSecret());
        LiveKitCredentials own = new LiveKitCredentials("devkey", "my-own-secret");
        assertThat(Exposure.credentials(lan.withLiveKit(own))).isEqualTo(own);
    }
}
