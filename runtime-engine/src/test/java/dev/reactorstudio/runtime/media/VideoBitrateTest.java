package dev.reactorstudio.runtime.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The bitrate range goes onto every video codec of a remote description, and nowhere else. */
class VideoBitrateTest {
    private static final String OFFER = String.join("\r\n",
            "v=0",
            "o=- 1 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "a=mid:0",
            "a=rtpmap:111 opus/48000/2",
            "a=fmtp:111 minptime=10;useinbandfec=1",
            "m=video 9 UDP/TLS/RTP/SAVPF 96 97 102",
            "a=mid:1",
            "a=rtpmap:96 VP8/90000",
            "a=rtcp-fb:96 nack",
            "a=rtpmap:97 rtx/90000",
            "a=fmtp:97 apt=96",
            "a=rtpmap:102 H264/90000",
            "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
            "a=mid:2",
            "");

    @Test
    void videoCodecsGetTheRangeAndAudioRepairAndDataAreLeftAlone() {
        String sdp = new VideoBitrate(4000, 300, 20000).apply(OFFER);
        String range = "x-google-start-bitrate=4000;x-google-min-bitrate=300;x-google-max-bitrate=20000";

        // VP8 had no fmtp line: one is added right after its rtpmap.
        assertThat(sdp).contains("a=rtpmap:96 VP8/90000\r\na=fmtp:96 " + range + "\r\n");
        assertThat(sdp).contains("a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f;" + range);
        assertThat(sdp).contains("a=fmtp:97 apt=96\r\n");
        assertThat(sdp).contains("a=fmtp:111 minptime=10;useinbandfec=1\r\n");
        assertThat(sdp.split("x-google-start-bitrate", -1)).hasSize(3);
        // Nothing else changed: removing what was added gives the offer back.
        assertThat(sdp.replace("a=fmtp:96 " + range + "\r\n", "").replace(";" + range, "")).isEqualTo(OFFER);
    }

    @Test
    void libwebrtcDefaultsLeaveTheDescriptionUntouched() {
        assertThat(VideoBitrate.LIBWEBRTC.apply(OFFER)).isSameAs(OFFER);
    }

    @Test
    void anInvertedRangeIsRejectedNamingTheValues() {
        assertThatThrownBy(() -> new VideoBitrate(100, 300, 20000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min 300, start 100");
    }
}
