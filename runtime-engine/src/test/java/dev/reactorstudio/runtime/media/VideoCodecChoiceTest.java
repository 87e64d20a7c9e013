package dev.reactorstudio.runtime.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VideoCodecChoiceTest {
    private static final String CHROME_ORDER = "v=0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:1\r\n"
            + "m=video 9 UDP/TLS/RTP/SAVPF 96 97 98\r\na=mid:0\r\na=rtpmap:96 VP8/90000\r\na=rtpmap:97 rtx/90000\r\n"
            + "a=rtpmap:98 H264/90000\r\n";
    private static final String H264_FIRST = CHROME_ORDER.replace("a=rtpmap:96 VP8/90000\r\n", "")
            + "a=rtpmap:96 VP8/90000\r\n";

    @Test
    void vp8ByDefault() {
        assertThat(VideoCodecChoice.choose(CHROME_ORDER, "0", null)).isEqualTo("VP8");
    }

    @Test
    void h264WhenTheClientListsItFirst() {
        assertThat(VideoCodecChoice.choose(H264_FIRST, "0", null)).isEqualTo("H264");
    }

    @Test
    void forcedCodecOnlyWhenOffered() {
        assertThat(VideoCodecChoice.choose(CHROME_ORDER, "0", "h264")).isEqualTo("H264");
        String vp8Only = CHROME_ORDER.replace("a=rtpmap:98 H264/90000\r\n", "");
        assertThat(VideoCodecChoice.choose(vp8Only, "0", "H264")).isEqualTo("VP8");
    }

    @Test
    void codecsAreReadFromTheMlineWithTheGivenMid() {
        assertThat(VideoCodecChoice.offeredCodecs(CHROME_ORDER, "0")).containsExactly("VP8", "RTX", "H264");
        assertThat(VideoCodecChoice.offeredCodecs(CHROME_ORDER, "7")).isEmpty();
    }
}
