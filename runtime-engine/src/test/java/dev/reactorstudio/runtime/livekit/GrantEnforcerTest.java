package dev.reactorstudio.runtime.livekit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import livekit.LivekitModels.TrackSource;
import livekit.LivekitModels.TrackType;
import livekit.LivekitRtc.AddTrackRequest;
import livekit.LivekitRtc.RequestResponse;
import org.junit.jupiter.api.Test;

class GrantEnforcerTest {
    private final GrantEnforcer enforcer = new GrantEnforcer();

    private static AccessGrant grant(boolean canPublish, boolean canPublishData, List<String> sources) {
        return new AccessGrant("v", "v", "local", true, canPublish, canPublishData, sources, "");
    }

    private static AddTrackRequest track(TrackType type, TrackSource source) {
        return AddTrackRequest.newBuilder().setCid("c").setName("webcam").setType(type).setSource(source).build();
    }

    @Test
    void dataFromAGrantWithoutCanPublishDataIsRefusedAndCounted() {
        assertThat(enforcer.admitsData(grant(false, true, List.of()))).isTrue();
        assertThat(enforcer.admitsData(grant(false, false, List.of()))).isFalse();
        assertThat(enforcer.admitsData(grant(false, false, List.of()))).isFalse();

        assertThat(enforcer.dataRefused()).isEqualTo(2);
    }

    @Test
    void publishingNeedsCanPublish() {
        assertThat(enforcer.publishRefusal(grant(false, true, List.of()), track(TrackType.VIDEO, TrackSource.CAMERA)))
                .hasValueSatisfying(r -> {
                    assertThat(r.getReason()).isEqualTo(RequestResponse.Reason.NOT_ALLOWED);
                    assertThat(r.getMessage()).contains("canPublish");
                    assertThat(r.getAddTrack().getCid()).isEqualTo("c");
                });
        assertThat(enforcer.publishRefused()).isEqualTo(1);
    }

    @Test
    void withCanPublishAnySourceIsGrantedUnlessTheTokenListsSources() {
        assertThat(enforcer.publishRefusal(grant(true, true, List.of()), track(TrackType.VIDEO, TrackSource.CAMERA)))
                .isEmpty();
        AccessGrant micOnly = grant(true, true, List.of("microphone"));
        assertThat(enforcer.publishRefusal(micOnly, track(TrackType.AUDIO, TrackSource.MICROPHONE))).isEmpty();
        assertThat(enforcer.publishRefusal(micOnly, track(TrackType.VIDEO, TrackSource.CAMERA)))
                .hasValueSatisfying(r -> assertThat(r.getMessage()).contains("camera").contains("[microphone]"));
        assertThat(enforcer.publishRefused()).isEqualTo(1);
    }
}
