package dev.reactorstudio.runtime.livekit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SdpTracksTest {

    /** The shape of a livekit-client v1 offer after publishing a camera and a microphone (abridged). */
    private static final String OFFER = String.join("\r\n",
            "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0 3 6 7",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:0", "a=recvonly", "a=rtpmap:111 opus/48000/2",
            "m=video 9 UDP/TLS/RTP/SAVPF 96", "a=mid:3", "a=recvonly", "a=rtpmap:96 VP8/90000",
            "m=video 9 UDP/TLS/RTP/SAVPF 96", "a=mid:6", "a=sendonly",
            "a=msid:5f1c2d3e-stream 0b7e9c4a-camera", "a=rtpmap:96 VP8/90000",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:7", "a=sendonly", "a=msid:- 9a8b7c6d-mic",
            "a=rtpmap:111 opus/48000/2",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "a=mid:8", "");

    @Test
    void mapsEachSendingSectionsMidToTheTrackIdItsMsidNames() {
        assertThat(SdpTracks.byMid(OFFER)).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "6", "0b7e9c4a-camera", "7", "9a8b7c6d-mic"));
    }

    @Test
    void sectionsWithoutMsidAndBareNewlinesAreHandled() {
        assertThat(SdpTracks.byMid(OFFER.replace("\r\n", "\n"))).containsOnlyKeys("6", "7");
        assertThat(SdpTracks.byMid("v=0\r\nm=audio 9 RTP 0\r\na=msid:onlystream\r\na=mid:1\r\n")).isEmpty();
        assertThat(SdpTracks.byMid("")).isEmpty();
    }

    @Test
    void aSectionTheClientUnpublishedKeepsItsMsidButNoLongerCounts() {
        // livekit-client's unpublishTrack turns the section inactive (removeTrack alone leaves recvonly)
        // and keeps its a=msid line; a stopped section has port 0.
        String unpublished = OFFER.replace("a=mid:6\r\na=sendonly", "a=mid:6\r\na=inactive")
                .replace("a=mid:7\r\na=sendonly", "a=mid:7\r\na=recvonly");
        assertThat(SdpTracks.byMid(unpublished)).isEmpty();
        String stopped = OFFER.replace("m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:6", "m=video 0 UDP/TLS/RTP/SAVPF 96\r\na=mid:6");
        assertThat(SdpTracks.byMid(stopped)).containsOnlyKeys("7");
    }
}
