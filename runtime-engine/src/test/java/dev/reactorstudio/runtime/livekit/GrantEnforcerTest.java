package dev.reactorstudio.runtime.livekit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reactorstudio.runtime.manifest.DeclaredTracks;
import dev.reactorstudio.runtime.manifest.TrackKind;
import dev.reactorstudio.runtime.manifest.TrackSpec;
import java.util.List;
import livekit.LivekitModels.TrackSource;
import livekit.LivekitModels.TrackType;
import livekit.LivekitRtc.AddTrackRequest;
import livekit.LivekitRtc.RequestResponse;
import org.junit.jupiter.api.Test;

class GrantEnforcerTest {
    private static final DeclaredTracks INPUTS = new DeclaredTracks(List.of(new TrackSpec("webcam", TrackKind.VIDEO),
            new TrackSpec("mic", TrackKind.AUDIO)), DeclaredTracks.DEFAULT.outputs(), true);
    private final GrantEnforcer enforcer = new GrantEnforcer();

    private static AccessGrant grant(boolean canPublish, boolean canPublishData, List<String> sources) {
        return new AccessGrant("v", "v", "local", true, canPublish, canPublishData, sources, "");
    }

    private static AddTrackRequest track(String name, TrackType type, TrackSource source) {
        return AddTrackRequest.newBuilder().setCid("c").setName(name).setType(type).setSource(source).build();
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
        assertThat(enforcer.publishRefusal(grant(false, true, List.of()),
                track("webcam", TrackType.VIDEO, TrackSource.CAMERA), INPUTS))
                .hasValueSatisfying(r -> assertThat(r.getReason()).isEqualTo(RequestResponse.Reason.NOT_ALLOWED));
    }

    @Test
    void declaredInputsOfTheirKindArePublishableFromAnyGrantedSource() {
        AccessGrant publisher = grant(true, true, List.of());

        assertThat(enforcer.publishRefusal(publisher, track("webcam", TrackType.VIDEO, TrackSource.CAMERA), INPUTS)).isEmpty();
        assertThat(enforcer.publishRefusal(publisher, track("mic", TrackType.AUDIO, TrackSource.MICROPHONE), INPUTS)).isEmpty();
        assertThat(enforcer.publishRefused()).isZero();
    }

    @Test
    void undeclaredNamesWrongKindsAndUngrantedSourcesAreRefused() {
        AccessGrant cameraOnly = grant(true, true, List.of("camera"));

        assertThat(enforcer.publishRefusal(cameraOnly, track("", TrackType.VIDEO, TrackSource.CAMERA), INPUTS))
                .hasValueSatisfying(r -> assertThat(r.getMessage()).contains("webcam (video), mic (audio)"));
        assertThat(enforcer.publishRefusal(cameraOnly, track("webcam", TrackType.DATA, TrackSource.CAMERA), INPUTS))
                .hasValueSatisfying(r -> assertThat(r.getReason()).isEqualTo(RequestResponse.Reason.UNSUPPORTED_TYPE));
        assertThat(enforcer.publishRefusal(cameraOnly, track("mic", TrackType.AUDIO, TrackSource.MICROPHONE), INPUTS))
                .hasValueSatisfying(r -> assertThat(r.getMessage()).contains("microphone"));
        assertThat(enforcer.publishRefused()).isEqualTo(3);
    }

    @Test
    void aModelWithoutInputsTakesNoTrackEvenFromAPublisher() {
        assertThat(enforcer.publishRefusal(grant(true, true, List.of()),
                track("webcam", TrackType.VIDEO, TrackSource.CAMERA), DeclaredTracks.DEFAULT))
                .hasValueSatisfying(r -> assertThat(r.getMessage()).contains("declares no inputs"));
    }
}
